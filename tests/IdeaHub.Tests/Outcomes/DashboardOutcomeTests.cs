using System.Net.Http.Json;
using System.Text.RegularExpressions;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Platform;

namespace IdeaHub.Tests.Outcomes;

public sealed class DashboardOutcomeTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task The_Bupati_sees_targets_achieved_this_month_at_risk_and_late_OPDs_and_which_part_is_judgement()
    {
        var achieved = await OutcomeTestData.InnovationAsync(app, "asn.dispar", title: "Wisata tercapai");
        var atRisk = await OutcomeTestData.InnovationAsync(app, "asn.dinkes", title: "Layanan berisiko");
        await OutcomeTestData.InnovationAsync(app, "asn.disdik", title: "Tanpa laporan");
        using (var author = await app.ClientAsAsync("asn.dispar"))
            (await author.PutAsJsonAsync($"/api/proposals/{achieved.Id}/outcomes/{OutcomeTestData.ThisMonth}",
                new { values = new[] { new { indicatorId = achieved.Visitors, value = 2050m } } })).EnsureSuccessStatusCode();
        using (var author = await app.ClientAsAsync("asn.dinkes"))
            (await author.PutAsJsonAsync($"/api/proposals/{atRisk.Id}/outcomes/{OutcomeTestData.ThisMonth}",
                new { values = new[] { new { indicatorId = atRisk.Visitors, value = 900m } } })).EnsureSuccessStatusCode();

        using var bupati = await app.BrowserAsAsync("bupati");
        var html = await bupati.GetStringAsync("/Dashboard");
        var achievedList = Regex.Match(html, "data-testid=\"dashboard-achieved\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Wisata tercapai", achievedList);
        Assert.DoesNotContain("Layanan berisiko", achievedList);
        var byOpd = Regex.Match(html, "data-testid=\"dashboard-at-risk\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Dinas Kesehatan", byOpd);
        Assert.Contains("Dinas Pendidikan", byOpd); // six months without a report: late
        Assert.Contains("Target tercapai", html);
        Assert.Contains("data-testid=\"rule-judgement\"", html);
        Assert.Contains("data-testid=\"rule-measured\"", html);
    }
}
