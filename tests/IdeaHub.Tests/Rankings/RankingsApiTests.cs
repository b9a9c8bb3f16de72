using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Rankings;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Rankings;

public sealed class RankingsApiTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private readonly RankingData _data = new(app);

    [Fact]
    public async Task Ranks_by_weighted_bayesian_score_and_leaves_out_own_opd_votes()
    {
        var p1 = await _data.ProposalAsync("dinkes", "Antrean Daring Puskesmas Uji", RankingData.Day(2024, 3, 2));
        var p2 = await _data.ProposalAsync("dpmptsp", "Izin Usaha Sehari Jadi Uji", RankingData.Day(2024, 3, 3));
        await _data.ReviewAsync(p1, "reviewer", RankingData.Day(2024, 3, 10), score: 4);
        await _data.ReviewAsync(p1, "kepala.disdik", RankingData.Day(2024, 3, 11), score: 5);
        // Weights: kebaruan 1, manfaat 1.5, four others 1: (5 + 1.5·1 + 4·3) / 6.5 = 2.846154
        await _data.ReviewAsync(p2, "reviewer", RankingData.Day(2024, 3, 12), byCode: new()
            { ["kebaruan"] = 5, ["manfaat"] = 1, ["kelayakan"] = 3, ["replikasi"] = 3, ["keberlanjutan"] = 3, ["kesesuaian"] = 3 });
        await _data.VoteAsync(p1, "kepala.disdik", true, "2024-03");
        await _data.VoteAsync(p1, "kepala.dinkes", true, "2024-03"); // own OPD: not counted
        await _data.VoteAsync(p1, "kepala.dispar", false, "2024-03");

        using var client = await app.ClientAsAsync("bupati");
        var page = (await client.GetFromJsonAsync<RankingPage>("/api/rankings/2024-03"))!;

        // C = (4 + 5 + 2.846154) / 3 = 3.948718; m = median(2, 1) = 1.5
        // P1 = (1.5·3.948718 + 9) / 3.5 = 4.263736; P2 = (1.5·3.948718 + 2.846154) / 2.5 = 3.507692
        Assert.Equal(2, page.Total);
        Assert.Equal(3.948718, page.MonthMean!.Value, 6);
        Assert.Equal(1.5, page.MedianReviews);
        var (first, second) = (page.Items[0], page.Items[1]);
        Assert.Equal(p1, first.ProposalId);
        Assert.Equal(4.263736, first.Bayesian, 6);
        Assert.Equal(3.507692, second.Bayesian, 6);
        Assert.Equal((1, 2), (first.SupportCount, first.VoteCount));
        Assert.Equal(0.09453, first.Wilson!.Value, 5);
        Assert.Null(second.Wilson);
        Assert.StartsWith("skor 4,26 dari 2 ulasan (rerata ulasan 4,50); rerata bulan 3,95; bobot m = 1,5; dukungan Kepala OPD 1 dari 2", first.ExplanationText);
        Assert.Single(first.Indicators);

        var en = (await client.GetFromJsonAsync<RankingPage>("/api/rankings/2024-03?culture=en-US"))!;
        Assert.StartsWith("score 4.26; reviews: 2 (review mean 4.50)", en.Items[0].ExplanationText);
    }

    /// <summary>Issue #11.7: the Bupati's top innovations are written once (ProposalAccess.RankedStatuses).</summary>
    [Fact]
    public async Task Only_forwarded_or_approved_proposals_are_ranked_on_the_dashboard_exports_and_pdf_source()
    {
        var statuses = new[] { "Submitted", "NeedsRevision", "Rejected", "InReview", "ApprovedForTrial", "Implemented" };
        var ids = new Dictionary<Guid, string>();
        foreach (var status in statuses)
        {
            var p = await _data.ProposalAsync("diskominfo", $"Peringkat status {status}", RankingData.Day(2024, 11, 2));
            await app.WithDbAsync(db => db.Set<IdeaHub.Web.Proposals.Proposal>().Where(x => x.Id == p)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, Enum.Parse<IdeaHub.Web.Proposals.ProposalStatus>(status))));
            await _data.ReviewAsync(p, "reviewer", RankingData.Day(2024, 11, 10), score: 5);
            ids[p] = status;
        }
        using var client = await app.ClientAsAsync("bupati");
        var page = (await client.GetFromJsonAsync<RankingPage>("/api/rankings/2024-11"))!;
        Assert.Equal(["ApprovedForTrial", "Implemented", "InReview"],
            page.Items.Where(i => ids.ContainsKey(i.ProposalId)).Select(i => ids[i.ProposalId]).Order());
        var csv = await client.GetStringAsync("/api/rankings/2024-11/export.csv");
        Assert.DoesNotContain("Peringkat status Submitted", csv);
        Assert.DoesNotContain("Peringkat status Rejected", csv);
        Assert.Contains("Peringkat status Implemented", csv);
        var dashboard = await client.GetStringAsync("/api/rankings/2024-11/dashboard");
        Assert.Contains("Peringkat status InReview", dashboard);
        Assert.DoesNotContain("Peringkat status NeedsRevision", dashboard);
    }

    [Fact]
    public async Task A_review_just_after_midnight_WIB_counts_in_the_new_month()
    {
        var p = await _data.ProposalAsync("dispar", "Paket Wisata Batas Bulan", RankingData.Day(2024, 6, 20));
        await _data.ReviewAsync(p, "reviewer", new DateTimeOffset(2024, 6, 30, 17, 30, 0, TimeSpan.Zero), score: 4);
        using var client = await app.ClientAsAsync("reviewer");
        Assert.Equal(0, (await client.GetFromJsonAsync<RankingPage>("/api/rankings/2024-06"))!.Total);
        Assert.Equal(p, (await client.GetFromJsonAsync<RankingPage>("/api/rankings/2024-07"))!.Items.Single().ProposalId);
    }

    [Fact]
    public async Task Empty_month_is_an_empty_ranking()
    {
        using var client = await app.ClientAsAsync("bupati");
        var page = (await client.GetFromJsonAsync<RankingPage>("/api/rankings/2019-01"))!;
        Assert.Equal(0, page.Total);
        Assert.Empty(page.Items);
        Assert.Null(page.MonthMean);
    }

    [Theory]
    [InlineData("/api/rankings/2024-13", "month")]
    [InlineData("/api/rankings/maret", "month")]
    [InlineData("/api/rankings/2024-03?limit=0", "limit")]
    [InlineData("/api/rankings/2024-03?offset=-1", "limit")]
    public async Task Bad_input_is_a_400_problem(string url, string field)
    {
        using var client = await app.ClientAsAsync("bupati");
        var res = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var problem = await res.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("asn.dinkes", HttpStatusCode.Forbidden)]
    [InlineData("kepala.dinkes", HttpStatusCode.Forbidden)]
    [InlineData("reviewer", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("bupati", HttpStatusCode.OK)]
    public async Task Who_may_read_the_ranking(string user, HttpStatusCode expected)
    {
        using var client = await app.ClientAsAsync(user);
        Assert.Equal(expected, (await client.GetAsync("/api/rankings/2024-03")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync("/api/rankings/2024-03/export.csv")).StatusCode);
    }

    [Theory]
    [InlineData("asn.dinkes", HttpStatusCode.Forbidden)]
    [InlineData("reviewer", HttpStatusCode.Forbidden)]
    [InlineData("bupati", HttpStatusCode.OK)]
    public async Task Only_leadership_and_admin_open_the_dashboard(string user, HttpStatusCode expected)
    {
        using var client = await app.ClientAsAsync(user);
        var res = await client.GetAsync("/Dashboard");
        Assert.Equal(expected, res.StatusCode);
        if (expected == HttpStatusCode.OK) Assert.Contains("10 inovasi teratas", await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_regency_sees_none_of_kab_tegal_ranking()
    {
        var p = await _data.ProposalAsync("rsud", "Antrean Terpadu Rawat Jalan Uji", RankingData.Day(2024, 9, 2));
        await _data.ReviewAsync(p, "reviewer", RankingData.Day(2024, 9, 5), score: 5);
        using var client = await app.ClientAsAsync("admin.bintan");
        Assert.Equal(0, (await client.GetFromJsonAsync<RankingPage>("/api/rankings/2024-09"))!.Total);
        Assert.True(await app.WithDbAsync(db => db.Set<RankingAggregate>().AnyAsync(a => a.ProposalId == p)));
    }

    [Fact]
    public async Task Trigger_maintained_aggregates_equal_a_full_rebuild()
    {
        var p = await _data.ProposalAsync("diskominfo", "Satu Data Uji Agregat", RankingData.Day(2024, 11, 2));
        await _data.ReviewAsync(p, "reviewer", RankingData.Day(2024, 11, 5), score: 2);
        await _data.ReviewAsync(p, "kepala.dishub", RankingData.Day(2024, 11, 6), score: 4);
        await _data.VoteAsync(p, "kepala.dishub", true, "2024-11");
        await _data.VoteAsync(p, "kepala.rsud", true, "2024-11");
        await app.WithDbAsync(async db =>
        {
            // Edit a score, delete a review, flip a vote: each must reach the aggregate.
            var review = await db.Set<IdeaHub.Web.Reviews.Review>().Include(r => r.Scores).FirstAsync(r => r.ProposalId == p && r.ReviewerOpdId == null);
            review.Scores[0].Score = 5;
            await db.SaveChangesAsync();
            db.Remove(await db.Set<IdeaHub.Web.Reviews.Review>().FirstAsync(r => r.ProposalId == p && r.ReviewerOpdId != null));
            (await db.Set<IdeaHub.Web.Reviews.Vote>().FirstAsync(v => v.ProposalId == p)).Support = false;
            return await db.SaveChangesAsync();
        });

        var before = await AggregatesAsync();
        var pemkab = await app.WithDbAsync(db => db.Pemkabs.Where(k => k.Code == "kab-tegal").Select(k => k.Id).SingleAsync());
        await using (var conn = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await AggregateRebuild.RebuildAsync(conn, pemkab);
        }
        var after = await AggregatesAsync();
        Assert.Equal(before.Select(a => (a.ProposalId, a.Month, a.ReviewCount, a.SupportCount, a.VoteCount)),
            after.Select(a => (a.ProposalId, a.Month, a.ReviewCount, a.SupportCount, a.VoteCount)));
        Assert.Equal(before.Select(a => Math.Round(a.ScoreSum, 9)), after.Select(a => Math.Round(a.ScoreSum, 9)));
        var mine = before.Single(a => a.ProposalId == p);
        Assert.Equal((1, 1, 2), (mine.ReviewCount, mine.SupportCount, mine.VoteCount));
        // One criterion raised from 2 to 5: (2·6.5 + 3w) / 6.5 with w = 1 or 1.5.
        Assert.Contains(Math.Round(mine.ScoreSum, 4), new[] { 2.4615, 2.6923 });
    }

    private Task<List<RankingAggregate>> AggregatesAsync() => app.WithDbAsync(db =>
        db.Set<RankingAggregate>().AsNoTracking().OrderBy(a => a.ProposalId).ThenBy(a => a.Month).ToListAsync());
}
