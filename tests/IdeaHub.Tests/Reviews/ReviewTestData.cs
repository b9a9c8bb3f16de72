using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Realtime;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Reviews;

/// <summary>Proposals (in review by default: visible to the whole Kepala OPD panel) and hub connections for review, vote and realtime tests.</summary>
public static class ReviewTestData
{
    public static Task<Guid> ProposalAsync(IdeaHubApp app, string author, ProposalStatus status = ProposalStatus.InReview,
        string pemkab = "kab-tegal", string? title = null, string problem = "", string design = "") =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == author);
            var p = new Proposal
            {
                PemkabId = user.PemkabId, OpdId = user.OpdId!.Value, AuthorId = user.Id, Status = status,
                Title = title ?? $"Inovasi uji {Guid.NewGuid():N}", Urusan = "kesehatan", Problem = problem, Design = design,
                SubmittedAt = status == ProposalStatus.Draft ? null : DateTimeOffset.UtcNow,
            };
            db.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        }, pemkab);

    public static async Task<SignalRTestClient> HubAsync(IdeaHubApp app, string userName)
    {
        var http = await app.ClientAsAsync(userName);
        var ws = app.Server.CreateWebSocketClient();
        return await SignalRTestClient.ConnectAsync(http, "/hubs/feedback", (uri, ct) => ws.ConnectAsync(uri, ct));
    }

    /// <summary>A full score sheet of the active rubric with the given score everywhere.</summary>
    public static async Task<object> ReviewBodyAsync(HttpClient client, int score = 4, string recommendation = "Approve", string comment = "Indikator jelas.")
    {
        var rubric = await client.GetFromJsonAsync<List<JsonElement>>("/api/rubric");
        return new
        {
            scores = rubric!.Select(c => new { criterionId = c.GetProperty("id").GetGuid(), score }).ToList(),
            recommendation, comment,
        };
    }

    public static async Task PostReviewAsync(IdeaHubApp app, string reviewer, Guid proposalId, string comment)
    {
        using var client = await app.ClientAsAsync(reviewer);
        var res = await client.PutAsJsonAsync($"/api/proposals/{proposalId}/review", await ReviewBodyAsync(client, comment: comment));
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
    }

    public static async Task CreateUserAsync(IdeaHubApp app, string userName, string role, string? opdCode = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null) return;
        var db = scope.ServiceProvider.GetRequiredService<IdeaHub.Web.Data.IdeaHubDb>();
        var pemkab = await db.Pemkabs.SingleAsync(p => p.Code == "kab-tegal");
        Guid? opd = opdCode is null ? null : await db.Opds.IgnoreQueryFilters().Where(o => o.PemkabId == pemkab.Id && o.Code == opdCode).Select(o => o.Id).SingleAsync();
        var user = new AppUser { UserName = userName, FullName = userName, PemkabId = pemkab.Id, OpdId = opd };
        Assert.True((await users.CreateAsync(user, IdeaHubApp.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }
}
