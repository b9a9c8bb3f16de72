using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Reviews;

public sealed class ReviewTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task A_review_is_one_row_per_reviewer_and_editable()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dinkes");
        using var reviewer = await app.ClientAsAsync("reviewer");
        var first = await reviewer.PutAsJsonAsync($"/api/proposals/{proposal}/review", await ReviewTestData.ReviewBodyAsync(reviewer, 3, "Revise"));
        first.EnsureSuccessStatusCode();
        var second = await reviewer.PutAsJsonAsync($"/api/proposals/{proposal}/review", await ReviewTestData.ReviewBodyAsync(reviewer, 5, "Approve"));
        var dto = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5m, dto.GetProperty("weightedScore").GetDecimal());
        Assert.Equal("Approve", dto.GetProperty("recommendation").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Review>().CountAsync(r => r.ProposalId == proposal)));
        using var author = await app.ClientAsAsync("asn.dinkes");
        var list = await author.GetFromJsonAsync<List<JsonElement>>($"/api/proposals/{proposal}/reviews");
        Assert.Single(list!);
    }

    [Fact]
    public async Task Incomplete_or_out_of_range_scores_are_a_400_problem()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.disdik");
        using var reviewer = await app.ClientAsAsync("reviewer");
        var rubric = await reviewer.GetFromJsonAsync<List<JsonElement>>("/api/rubric");
        var ids = rubric!.Select(c => c.GetProperty("id").GetGuid()).ToList();
        var missing = await reviewer.PutAsJsonAsync($"/api/proposals/{proposal}/review",
            new { scores = ids.Skip(1).Select(id => new { criterionId = id, score = 3 }), recommendation = "Approve" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("setiap kriteria", await missing.Content.ReadAsStringAsync());
        var range = await reviewer.PutAsJsonAsync($"/api/proposals/{proposal}/review",
            new { scores = ids.Select(id => new { criterionId = id, score = 6 }), recommendation = "Approve" });
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        var noRecommendation = await reviewer.PutAsJsonAsync($"/api/proposals/{proposal}/review",
            new { scores = ids.Select(id => new { criterionId = id, score = 3 }), recommendation = "Maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, noRecommendation.StatusCode);
    }

    [Fact]
    public async Task Heads_do_not_score_their_own_opd_and_drafts_are_not_reviewable()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.rsud");
        using var ownHead = await app.ClientAsAsync("kepala.rsud");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await ownHead.PutAsJsonAsync($"/api/proposals/{proposal}/review", await ReviewTestData.ReviewBodyAsync(ownHead))).StatusCode);
        using var asn = await app.ClientAsAsync("asn.pupr");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await asn.PutAsJsonAsync($"/api/proposals/{proposal}/review", await ReviewTestData.ReviewBodyAsync(asn))).StatusCode);
        var draft = await ReviewTestData.ProposalAsync(app, "asn.rsud", ProposalStatus.Draft);
        using var reviewer = await app.ClientAsAsync("reviewer");
        Assert.Equal(HttpStatusCode.NotFound,
            (await reviewer.PutAsJsonAsync($"/api/proposals/{draft}/review", await ReviewTestData.ReviewBodyAsync(reviewer))).StatusCode);
    }

    [Fact]
    public async Task Two_reviewers_deciding_at_once_get_one_success_and_one_clear_409()
    {
        await ReviewTestData.CreateUserAsync(app, "reviewer.dua", Roles.Reviewer);
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dispar", ProposalStatus.InReview);
        await using var author = await ReviewTestData.HubAsync(app, "asn.dispar");
        using var a = await app.ClientAsAsync("reviewer");
        using var b = await app.ClientAsAsync("reviewer.dua");
        var version = await app.WithDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal).Select(p => p.Version).SingleAsync());
        var results = await Task.WhenAll(
            a.PostAsJsonAsync($"/api/proposals/{proposal}/transitions", new { to = "ApprovedForTrial", version }),
            b.PostAsJsonAsync($"/api/proposals/{proposal}/transitions", new { to = "NeedsRevision", version, note = "Lengkapi baseline." }));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        var conflict = Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
        var problem = await conflict.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Muat ulang", problem.GetProperty("detail").GetString());
        var status = await app.WithDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal).Select(p => p.Status).SingleAsync());
        Assert.Contains(status, new[] { ProposalStatus.ApprovedForTrial, ProposalStatus.NeedsRevision });
        var pushed = await author.NextAsync("Notification", TimeSpan.FromSeconds(10));
        Assert.Equal("status.changed", pushed.GetProperty("kind").GetString());
        Assert.Equal(status.ToString(), pushed.GetProperty("payload").GetProperty("to").GetString());
    }

    [Fact]
    public async Task Comments_are_threaded_and_visible_like_the_proposal()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.diskominfo");
        var other = await ReviewTestData.ProposalAsync(app, "asn.dishub");
        using var reviewer = await app.ClientAsAsync("reviewer");
        var root = await (await reviewer.PostAsJsonAsync($"/api/proposals/{proposal}/comments", new { body = "Berapa baseline-nya?" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var author = await app.ClientAsAsync("asn.diskominfo");
        var reply = await author.PostAsJsonAsync($"/api/proposals/{proposal}/comments", new { body = "120 hari.", parentId = root.GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var thread = await author.GetFromJsonAsync<List<JsonElement>>($"/api/proposals/{proposal}/comments");
        Assert.Equal(root.GetProperty("id").GetGuid(), thread![1].GetProperty("parentId").GetGuid());

        var crossThread = await reviewer.PostAsJsonAsync($"/api/proposals/{other}/comments", new { body = "x", parentId = root.GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, crossThread.StatusCode);
        using var stranger = await app.ClientAsAsync("asn.disdik");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/proposals/{proposal}/comments")).StatusCode);
        using var bupati = await app.ClientAsAsync("bupati");
        Assert.Equal(HttpStatusCode.OK, (await bupati.GetAsync($"/api/proposals/{proposal}/comments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bupati.PostAsJsonAsync($"/api/proposals/{proposal}/comments", new { body = "Bagus." })).StatusCode);
    }
}
