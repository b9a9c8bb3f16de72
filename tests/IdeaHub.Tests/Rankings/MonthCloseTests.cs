using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Rankings;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Rankings;

public sealed class MonthCloseTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private readonly RankingData _data = new(app);

    [Fact]
    public async Task A_closed_month_never_changes_and_refuses_votes()
    {
        var p1 = await _data.ProposalAsync("dinkes", "Posyandu Digital Uji Tutup", RankingData.Day(2024, 5, 2));
        var p2 = await _data.ProposalAsync("disdik", "Rapor Literasi Uji Tutup", RankingData.Day(2024, 5, 3));
        await _data.ReviewAsync(p1, "reviewer", RankingData.Day(2024, 5, 10), score: 3);
        await _data.ReviewAsync(p2, "reviewer", RankingData.Day(2024, 5, 11), score: 4);
        await _data.VoteAsync(p2, "kepala.dinkes", true, "2024-05");

        using var admin = await app.ClientAsAsync("admin");
        using var bupati = await app.ClientAsAsync("bupati");
        Assert.Equal(HttpStatusCode.Forbidden, (await bupati.PostAsync("/api/rankings/2024-05/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/rankings/2024-05/close", null)).StatusCode);
        var before = await bupati.GetStringAsync("/api/rankings/2024-05");

        // Later activity: a new high review for p1, a rescored review for p2, a title edit.
        await _data.ReviewAsync(p1, "kepala.dispar", RankingData.Day(2024, 5, 20), score: 5);
        await app.WithDbAsync(async db =>
        {
            await db.Set<ReviewScore>().Where(s => db.Set<Review>().Any(r => r.Id == s.ReviewId && r.ProposalId == p2))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Score, 1));
            var p = await db.Set<IdeaHub.Web.Proposals.Proposal>().SingleAsync(x => x.Id == p2);
            p.Title = "Judul diubah kemudian";
            return await db.SaveChangesAsync();
        });
        var live = await app.WithDbAsync(db => db.Set<RankingAggregate>().SingleAsync(a => a.ProposalId == p1 && a.Month == "2024-05"));
        Assert.Equal(2, live.ReviewCount); // the aggregate moved on...
        var after = await bupati.GetStringAsync("/api/rankings/2024-05");
        Assert.Equal(before, after); // ...the closed month did not.
        var page = JsonSerializer.Deserialize<RankingPage>(after, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.True(page.Closed);
        Assert.Equal(["Rapor Literasi Uji Tutup", "Posyandu Digital Uji Tutup"], page.Items.Select(i => i.Title));

        // Votes in a closed month: MonthStatus says so, and the database refuses them regardless.
        var pemkab = await app.WithDbAsync(db => db.Pemkabs.Where(p => p.Code == "kab-tegal").Select(p => p.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var status = scope.ServiceProvider.GetRequiredService<MonthStatus>();
            Assert.True(await status.IsClosedAsync(pemkab, "2024-05"));
            Assert.False(await status.IsClosedAsync(pemkab, "2024-04"));
        }
        await Assert.ThrowsAsync<DbUpdateException>(() => _data.VoteAsync(p1, "kepala.disdik", true, "2024-05"));

        // History cannot be rewritten even by hand.
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("UPDATE ranking_snapshot SET bayesian = 5 WHERE month = '2024-05'")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM month_close WHERE month = '2024-05'")));

        var again = await admin.PostAsync("/api/rankings/2024-05/close", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task The_open_month_cannot_be_closed()
    {
        using var admin = await app.ClientAsAsync("admin");
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var res = await admin.PostAsync($"/api/rankings/{now:yyyy-MM}/close", null);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var problem = await res.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("month", out _));
    }

    [Fact]
    public async Task Demo_data_gives_closed_and_open_months_with_rankings()
    {
        using var bupati = await app.ClientAsAsync("bupati");
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var oldest = new DateTime(now.Year, now.Month, 1).AddMonths(-6).ToString("yyyy-MM");
        var closed = (await bupati.GetFromJsonAsync<RankingPage>($"/api/rankings/{oldest}"))!;
        Assert.True(closed.Closed);
        Assert.NotEmpty(closed.Items);
        var dashboard = await bupati.GetFromJsonAsync<JsonElement>($"/api/rankings/{oldest}/dashboard");
        Assert.Equal(12, dashboard.GetProperty("trend").GetArrayLength());
        Assert.Contains(dashboard.GetProperty("stats").GetProperty("opds").EnumerateArray(), o => o.GetProperty("drafted").GetInt32() == 0);
    }
}
