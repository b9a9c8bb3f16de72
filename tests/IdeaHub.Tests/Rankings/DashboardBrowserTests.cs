using IdeaHub.Tests.Infrastructure;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Rankings;

public sealed class DashboardBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Bupati_sees_the_top_10_participation_and_rendered_charts()
    {
        var page = await app.LoginAsync("bupati");
        await page.ClickAsync("nav a[href='/dashboard']");
        await page.WaitForSelectorAsync("[data-testid=top10]");
        Assert.StartsWith("Dasbor Inovasi", await page.TextContentAsync("h1"));

        // The oldest demo month is closed and ranked.
        var oldest = await page.Locator("#month option").Nth(6).GetAttributeAsync("value");
        await page.SelectOptionAsync("#month", oldest!);
        await page.ClickAsync(".month-picker button");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"month={oldest}$"));
        await page.WaitForSelectorAsync("body[data-charts-rendered='4']");

        Assert.InRange(await page.Locator("[data-testid=top10-item]").CountAsync(), 1, 10);
        Assert.Contains("skor", await page.Locator("[data-testid=top10-item] .why").First.TextContentAsync());
        Assert.Contains("ditutup", await page.TextContentAsync("[data-testid=month-state]"));
        Assert.Equal(12, await page.Locator("[data-testid=opd-row]").CountAsync());
        Assert.True(await page.Locator("tr.none").CountAsync() > 0, "an OPD without proposals stands out");
        foreach (var id in new[] { "chart-funnel", "chart-trend", "chart-urusan", "chart-kind" })
        {
            var box = await page.Locator($"#{id}").BoundingBoxAsync();
            Assert.True(box is { Width: > 50, Height: > 50 }, $"{id} is drawn");
        }
        Assert.Equal(1, await page.Locator("[data-testid=export-xlsx]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Asn_is_turned_away_from_the_dashboard()
    {
        var page = await app.LoginAsync("asn.dinkes");
        Assert.Equal(0, await page.Locator("nav a[href='/dashboard']").CountAsync());
        var res = await page.GotoAsync("/Dashboard");
        Assert.Equal(403, res!.Status);
        await page.WaitForSelectorAsync("[data-testid=access-denied]");
        Assert.Equal(0, await page.Locator("[data-testid=top10]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Open_month_dashboard_refreshes_when_a_vote_arrives_over_signalr()
    {
        var data = new RankingData(app);
        var proposal = await data.ProposalAsync("dukcapil", "Layanan Adminduk Uji Langsung", DateTimeOffset.UtcNow.AddMinutes(-30));
        await data.ReviewAsync(proposal, "reviewer", DateTimeOffset.UtcNow.AddMinutes(-20), score: 4);
        var page = await app.LoginAsync("bupati");
        await page.GotoAsync("/Dashboard");
        await page.WaitForSelectorAsync("#live-badge:not([hidden])"); // connected to the hub
        Assert.Equal("", await page.TextContentAsync("#dashboard-status"));

        using var kepala = await app.ClientAsAsync("kepala.dinkes");
        var res = await kepala.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = true });
        res.EnsureSuccessStatusCode();

        await page.WaitForSelectorAsync("#dashboard-status:has-text('Dasbor diperbarui')");
        await page.WaitForSelectorAsync("body[data-charts-rendered='4']");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_live_refresh_shows_a_review_that_just_arrived_not_a_cached_ranking()
    {
        var data = new RankingData(app);
        var ranked = await data.ProposalAsync("dinkes", "Posyandu Uji Segar", DateTimeOffset.UtcNow.AddMinutes(-40));
        await data.ReviewAsync(ranked, "reviewer", DateTimeOffset.UtcNow.AddMinutes(-35), score: 3);
        var fresh = await data.ProposalAsync("dispar", "Pemandu Wisata Uji Segar", DateTimeOffset.UtcNow.AddMinutes(-30));
        var page = await app.LoginAsync("bupati");
        await page.GotoAsync("/Dashboard");
        await page.WaitForSelectorAsync("#live-badge:not([hidden])");
        var before = int.Parse((await page.TextContentAsync("[data-testid=ranked-total]"))!);

        using var reviewer = await app.ClientAsAsync("reviewer");
        var rubric = (await reviewer.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/rubric"))!;
        var body = new { scores = rubric.Select(c => new { criterionId = c.GetProperty("id").GetGuid(), score = 4 }), recommendation = "Approve" };
        (await reviewer.PutAsJsonAsync($"/api/proposals/{fresh}/review", body)).EnsureSuccessStatusCode();

        await page.WaitForSelectorAsync("#dashboard-status:has-text('Dasbor diperbarui')");
        Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await page.TextContentAsync("[data-testid=ranked-total]"));
        await page.Context.CloseAsync();
    }
}
