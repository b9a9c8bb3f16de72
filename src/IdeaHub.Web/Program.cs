using IdeaHub.Web.Catalogue;
using IdeaHub.Web.Cluster;
using IdeaHub.Web.Data;
using IdeaHub.Web.Duplicates;
using IdeaHub.Web.Evidence;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Outcomes;
using IdeaHub.Web.Platform;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Assistant;
using IdeaHub.Web.Realtime;
using IdeaHub.Web.Reviews;
using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);
await builder.AddIdeaHubDataAsync();
builder.Services.AddIdeaHubPlatform();
builder.Services.AddSecurityHeaders(builder.Configuration);
builder.Services.AddIdeaHubAuth();
builder.Services.AddOrganisation();
builder.Services.AddDuplicates();
builder.Services.AddProposals();
builder.Services.AddAssistant();
builder.Services.AddRealtime();
builder.Services.AddReviews();
builder.Services.AddRankings();
builder.Services.AddOutcomes();
builder.Services.AddCatalogue();
builder.Services.AddEvidence(builder.Configuration);
builder.Services.AddCluster(builder.Configuration);
builder.Services.AddRazorPages();

var app = builder.Build();
await app.InitialiseDatabaseAsync();

app.UseSecurityHeaders();
app.UseIdeaHubErrorPages();
app.UseDrain();
app.UseRequestLocalization();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseInputGuard();
app.UseAuthentication();
app.UseHubOriginCheck();
app.UseReportPrintTickets();
app.UseSessionGuard();
app.UsePasswordChangeGate();
app.UseAuthorization();
app.UseAntiforgery();
app.UseApiAntiforgery();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapCulture();
app.MapAccountApi();
app.MapOrganisation();
app.MapProposals();
app.MapAssistant();
app.MapDuplicates();
app.MapRealtime();
app.MapReviews();
app.MapRankings();
app.MapOutcomes();
app.MapEvidence();
app.MapCatalogue();
app.MapRazorPages();

try
{
    await app.RunAsync();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    app.Logger.LogCritical("The web address is already in use by another program ({Urls}). Stop that program or start IdeaHub with --urls http://127.0.0.1:<free port>.", string.Join(", ", app.Urls));
    await app.StopAsync();
    Environment.ExitCode = 2;
}

public partial class Program;
