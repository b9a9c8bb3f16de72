using IdeaHub.Web.Organisation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdeaHub.Web.Rankings;

public static class RankingPolicies
{
    /// <summary>The dashboard page: leadership, and the admin who closes months from it.</summary>
    public const string Dashboard = "Rankings.Dashboard";
    /// <summary>The ranking API and exports: leadership, admin and Tim Inovasi.</summary>
    public const string Readers = "Rankings.Readers";
}

public static class RankingsExtensions
{
    public static IServiceCollection AddRankings(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ExplanationText>();
        services.AddSingleton<LiveMonthCache>();
        services.AddScoped<RankingService>();
        services.AddScoped<DashboardStats>();
        services.AddScoped<MonthStatus>();
        services.AddScoped<MonthCloser>();
        services.AddSingleton(sp => new PrintQueue(sp.GetRequiredService<IConfiguration>().GetValue("IdeaHub:Pdf:MaxWaiting", PrintQueue.DefaultWaiting)));
        services.AddSingleton<ReportPdf>();
        services.AddSingleton<Data.IDemoSeeder, RankingDemoSeeder>();
        services.AddAuthorizationBuilder()
            .AddPolicy(RankingPolicies.Dashboard, p => p.RequireRole(Roles.Bupati, Roles.Admin).RequireClaim(IdeaHubClaims.PemkabId))
            .AddPolicy(RankingPolicies.Readers, p => p.RequireRole(Roles.Bupati, Roles.Admin, Roles.Reviewer).RequireClaim(IdeaHubClaims.PemkabId));
        return services;
    }

    public static IEndpointRouteBuilder MapRankings(this IEndpointRouteBuilder app) => app.MapRankingsApi();
}
