using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Data;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Reviews;

public sealed class VoteTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task Fifty_parallel_identical_votes_make_one_row_and_one_audit_entry()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dinkes");
        using var head = await app.ClientAsAsync("kepala.disdik");
        var responses = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => head.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = true })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Vote>().CountAsync(v => v.ProposalId == proposal)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.ProposalId == proposal && a.Action.StartsWith("vote."))));
        var totals = await head.GetFromJsonAsync<JsonElement>($"/api/proposals/{proposal}/votes");
        Assert.Equal(1, totals.GetProperty("support").GetInt32());
        Assert.True(totals.GetProperty("mine").GetBoolean());
    }

    [Fact]
    public async Task Changing_a_vote_is_audited_and_keeps_one_row()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dispar");
        using var head = await app.ClientAsAsync("kepala.rsud");
        (await head.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = true })).EnsureSuccessStatusCode();
        var res = await head.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = false });
        var totals = await res.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, totals.GetProperty("support").GetInt32());
        Assert.Equal(1, totals.GetProperty("notSupport").GetInt32());
        var actions = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.ProposalId == proposal).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["vote.cast", "vote.changed"], actions);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Vote>().CountAsync(v => v.ProposalId == proposal)));
    }

    [Fact]
    public async Task Own_opd_and_non_heads_cannot_vote()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dukcapil");
        using var ownHead = await app.ClientAsAsync("kepala.dukcapil");
        var own = await ownHead.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = true });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("OPD sendiri", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        using var reviewer = await app.ClientAsAsync("reviewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = true })).StatusCode);
        using var otherPemkab = await app.ClientAsAsync("kepala.bintan.dinkes");
        Assert.Equal(HttpStatusCode.NotFound, (await otherPemkab.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = true })).StatusCode);
        using var head = await app.ClientAsAsync("kepala.pupr");
        Assert.Equal(HttpStatusCode.BadRequest, (await head.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { })).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Vote>().CountAsync(v => v.ProposalId == proposal)));
    }

    [Fact]
    public async Task Vote_change_notifies_the_author_with_new_totals()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.kec-slawi");
        await using var author = await ReviewTestData.HubAsync(app, "asn.kec-slawi");
        using var head = await app.ClientAsAsync("kepala.dinsos");
        (await head.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = true })).EnsureSuccessStatusCode();
        var e = await author.NextAsync("Notification", TimeSpan.FromSeconds(10));
        Assert.Equal("vote.totals", e.GetProperty("kind").GetString());
        Assert.Equal(1, e.GetProperty("payload").GetProperty("support").GetInt32());
    }

    [Fact]
    public async Task A_vote_cannot_change_after_its_month_is_closed()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.diskominfo");
        using var head = await app.ClientAsAsync("kepala.dishub");
        (await head.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = true })).EnsureSuccessStatusCode();
        await app.WithDbAsync(async db =>
        {
            var vote = await db.Set<Vote>().SingleAsync(v => v.ProposalId == proposal);
            return await db.Database.ExecuteSqlAsync($"""
                INSERT INTO month_close (pemkab_id, month, closed_by, ranked_count, stats)
                VALUES ({vote.PemkabId}, {vote.Month}, {vote.VoterId}, 0, {"{}"}::jsonb)
                """);
        });
        var res = await head.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = false });
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Contains("ditutup", (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.True(await app.WithDbAsync(db => db.Set<Vote>().Where(v => v.ProposalId == proposal).Select(v => v.Support).SingleAsync()));
    }
}
