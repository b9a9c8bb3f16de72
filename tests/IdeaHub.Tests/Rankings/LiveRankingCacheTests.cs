using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Rankings;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Rankings;

/// <summary>
/// The open month's ranking and dashboard are cached per Pemkab and month: every read right after a write must
/// already show it, whichever path wrote (the API, or SQL straight to the tables), and no regency sees another's.
/// Each test first reads, so that the entry is cached before the write it checks.
/// </summary>
public sealed class LiveRankingCacheTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private readonly RankingData _data = new(app);

    [Fact]
    public async Task Reviews_and_votes_through_the_api_show_in_the_next_read_of_the_open_month()
    {
        var month = MonthKey.Of(DateTimeOffset.UtcNow, "Asia/Jakarta").ToString();
        var p = await _data.ProposalAsync("dukcapil", "Akta Kelahiran Uji Cache", DateTimeOffset.UtcNow.AddHours(-1));
        using var bupati = await app.ClientAsAsync("bupati");
        Assert.Null(await EntryAsync(bupati, month, p));
        var reviewedBefore = await ReviewedAsync(bupati, month, "dukcapil");

        using var reviewer = await app.ClientAsAsync("reviewer");
        var rubric = (await reviewer.GetFromJsonAsync<List<JsonElement>>("/api/rubric"))!;
        var body = new { scores = rubric.Select(c => new { criterionId = c.GetProperty("id").GetGuid(), score = 4 }), recommendation = "Approve", comment = "Uji cache." };
        (await reviewer.PutAsJsonAsync($"/api/proposals/{p}/review", body)).EnsureSuccessStatusCode();

        var reviewed = await EntryAsync(bupati, month, p);
        Assert.NotNull(reviewed);
        Assert.Equal((1, 4.0, 0), (reviewed.ReviewCount, reviewed.RawMean, reviewed.VoteCount));
        Assert.Equal(reviewedBefore + 1, await ReviewedAsync(bupati, month, "dukcapil"));

        using var kepala = await app.ClientAsAsync("kepala.dinkes");
        (await kepala.PutAsJsonAsync($"/api/proposals/{p}/vote", new { support = true })).EnsureSuccessStatusCode();
        var voted = await EntryAsync(bupati, month, p);
        Assert.Equal((1, 1), (voted!.SupportCount, voted.VoteCount));
        Assert.StartsWith("skor", voted.ExplanationText);
    }

    [Fact]
    public async Task Writes_straight_to_the_tables_reach_the_cached_ranking_too()
    {
        var p1 = await _data.ProposalAsync("dinkes", "Skrining Gizi Uji Cache", RankingData.Day(2023, 4, 2));
        var p2 = await _data.ProposalAsync("dispar", "Tiket Wisata Uji Cache", RankingData.Day(2023, 4, 3));
        await _data.ReviewAsync(p1, "reviewer", RankingData.Day(2023, 4, 5), score: 3);
        using var bupati = await app.ClientAsAsync("bupati");
        Assert.Equal([p1], (await PageAsync(bupati, "2023-04")).Items.Select(i => i.ProposalId));

        await _data.ReviewAsync(p2, "reviewer", RankingData.Day(2023, 4, 6), score: 5);
        Assert.Equal([p2, p1], (await PageAsync(bupati, "2023-04")).Items.Select(i => i.ProposalId));

        await _data.VoteAsync(p1, "kepala.disdik", true, "2023-04");
        Assert.Equal(1, (await PageAsync(bupati, "2023-04")).Items.Single(i => i.ProposalId == p1).VoteCount);

        await app.WithDbAsync(async db =>
        {
            var p = await db.Set<Proposal>().SingleAsync(x => x.Id == p2);
            (p.Stage, p.Title) = (InnovationStage.UjiCoba, "Tiket Wisata Terpadu");
            return await db.SaveChangesAsync();
        });
        var moved = (await PageAsync(bupati, "2023-04")).Items.Single(i => i.ProposalId == p2);
        Assert.Equal(("UjiCoba", "Tiket Wisata Terpadu"), (moved.Stage, moved.Title));

        await app.WithDbAsync(db => db.Opds.Where(o => o.Code == "dinkes")
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, "Dinas Kesehatan (nama baru)")));
        Assert.Equal("Dinas Kesehatan (nama baru)", (await PageAsync(bupati, "2023-04")).Items.Single(i => i.ProposalId == p1).OpdName);

        // Merged into p1: a merged duplicate leaves the ranking.
        await app.WithDbAsync(db => db.Set<Proposal>().Where(x => x.Id == p2).ExecuteUpdateAsync(s => s.SetProperty(x => x.MergedIntoId, p1)));
        Assert.Equal([p1], (await PageAsync(bupati, "2023-04")).Items.Select(i => i.ProposalId));

        await app.WithDbAsync(db => db.Set<Review>().Where(r => r.ProposalId == p1).ExecuteDeleteAsync());
        Assert.Empty((await PageAsync(bupati, "2023-04")).Items);
    }

    [Fact]
    public async Task A_rubric_weight_change_reaches_the_cached_ranking()
    {
        var p = await _data.ProposalAsync("disdik", "Rapor Digital Uji Bobot Cache", RankingData.Day(2023, 7, 2));
        await _data.ReviewAsync(p, "reviewer", RankingData.Day(2023, 7, 4), byCode: new()
            { ["kebaruan"] = 5, ["manfaat"] = 1, ["kelayakan"] = 1, ["replikasi"] = 1, ["keberlanjutan"] = 1, ["kesesuaian"] = 1 });
        using var bupati = await app.ClientAsAsync("bupati");
        var before = (await PageAsync(bupati, "2023-07")).Items.Single(i => i.ProposalId == p).RawMean;

        using var admin = await app.ClientAsAsync("admin");
        var current = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/admin/rubric"))!;
        var body = current.Select(c => new
        {
            id = c.GetProperty("id").GetGuid(), code = c.GetProperty("code").GetString(), name = c.GetProperty("name").GetString(),
            nameEn = c.GetProperty("nameEn").GetString(), description = c.GetProperty("description").GetString(),
            weight = c.GetProperty("code").GetString() == "kebaruan" ? 4m : c.GetProperty("weight").GetDecimal(),
            isActive = c.GetProperty("isActive").GetBoolean(),
        });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/admin/rubric", body)).StatusCode);

        var others = current.Where(c => c.GetProperty("code").GetString() != "kebaruan").Sum(c => c.GetProperty("weight").GetDouble());
        var after = (await PageAsync(bupati, "2023-07")).Items.Single(i => i.ProposalId == p).RawMean;
        Assert.NotEqual(before, after);
        Assert.Equal((5 * 4 + others) / (4 + others), after, 6);
    }

    [Fact]
    public async Task Each_regency_reads_only_its_own_cached_month()
    {
        using var bintan = await app.ClientAsAsync("admin.bintan");
        using var bupati = await app.ClientAsAsync("bupati");
        Assert.Empty((await PageAsync(bintan, "2023-05")).Items);
        Assert.Empty((await PageAsync(bupati, "2023-05")).Items);

        var tegal = await _data.ProposalAsync("rsud", "Rujukan Daring Uji Cache", RankingData.Day(2023, 5, 2));
        await _data.ReviewAsync(tegal, "reviewer", RankingData.Day(2023, 5, 4), score: 4);
        Assert.Equal([tegal], (await PageAsync(bupati, "2023-05")).Items.Select(i => i.ProposalId));
        Assert.Empty((await PageAsync(bintan, "2023-05")).Items);

        var other = await BintanReviewedProposalAsync(RankingData.Day(2023, 5, 8));
        Assert.Equal([other], (await PageAsync(bintan, "2023-05")).Items.Select(i => i.ProposalId));
        Assert.Equal([tegal], (await PageAsync(bupati, "2023-05")).Items.Select(i => i.ProposalId));
        var bintanDashboard = await bintan.GetFromJsonAsync<JsonElement>("/api/rankings/2023-05/dashboard");
        Assert.Equal([other], bintanDashboard.GetProperty("ranking").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("proposalId").GetGuid()));
    }

    [Fact]
    public async Task Closing_a_cached_month_serves_the_snapshot_and_later_writes_leave_it_alone()
    {
        var p = await _data.ProposalAsync("dishub", "Terminal Pintar Uji Cache", RankingData.Day(2023, 6, 2));
        await _data.ReviewAsync(p, "reviewer", RankingData.Day(2023, 6, 4), score: 3);
        using var bupati = await app.ClientAsAsync("bupati");
        Assert.False((await PageAsync(bupati, "2023-06")).Closed);
        var dashboardBefore = await bupati.GetStringAsync("/api/rankings/2023-06/dashboard");

        using var admin = await app.ClientAsAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/rankings/2023-06/close", null)).StatusCode);
        var closed = await PageAsync(bupati, "2023-06");
        Assert.True(closed.Closed);

        await _data.ReviewAsync(p, "kepala.dinkes", RankingData.Day(2023, 6, 20), score: 5);
        var later = await PageAsync(bupati, "2023-06");
        Assert.True(later.Closed);
        Assert.Equal((1, 3.0), (later.Items.Single().ReviewCount, later.Items.Single().RawMean));
        var dashboardAfter = await bupati.GetFromJsonAsync<JsonElement>("/api/rankings/2023-06/dashboard");
        Assert.Equal(JsonDocument.Parse(dashboardBefore).RootElement.GetProperty("stats").GetRawText(), dashboardAfter.GetProperty("stats").GetRawText());
    }

    private async Task<Guid> BintanReviewedProposalAsync(DateTimeOffset at) => await app.WithDbAsync(async db =>
    {
        var opd = await db.Opds.FirstAsync();
        var author = await db.Users.SingleAsync(u => u.UserName == "asn.bintan.dinkes");
        var admin = await db.Users.SingleAsync(u => u.UserName == "admin.bintan");
        var p = new Proposal
        {
            PemkabId = opd.PemkabId, OpdId = opd.Id, AuthorId = author.Id, Title = "Puskesmas Keliling Bintan Uji", Urusan = "Kesehatan",
            Status = ProposalStatus.InReview, CreatedAt = at, UpdatedAt = at, SubmittedAt = at,
        };
        db.Add(p);
        await db.SaveChangesAsync();
        var criteria = await db.Set<RubricCriterion>().ToListAsync();
        db.Add(new Review
        {
            PemkabId = opd.PemkabId, ProposalId = p.Id, ReviewerId = admin.Id, CreatedAt = at, UpdatedAt = at, Recommendation = Recommendation.Approve,
            Scores = criteria.Select(c => new ReviewScore { CriterionId = c.Id, Score = 2 }).ToList(),
        });
        await db.SaveChangesAsync();
        return p.Id;
    }, DemoOrganisationSeeder.OtherPemkabCode);

    private static async Task<RankingPage> PageAsync(HttpClient client, string month) =>
        (await client.GetFromJsonAsync<RankingPage>($"/api/rankings/{month}?limit=500"))!;

    private static async Task<RankingEntry?> EntryAsync(HttpClient client, string month, Guid proposal) =>
        (await PageAsync(client, month)).Items.SingleOrDefault(i => i.ProposalId == proposal);

    private static async Task<int> ReviewedAsync(HttpClient client, string month, string opdCode)
    {
        var dashboard = await client.GetFromJsonAsync<JsonElement>($"/api/rankings/{month}/dashboard");
        return dashboard.GetProperty("stats").GetProperty("opds").EnumerateArray()
            .Single(o => o.GetProperty("code").GetString() == opdCode).GetProperty("reviewed").GetInt32();
    }
}
