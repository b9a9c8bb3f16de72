using IdeaHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Outcomes;

/// <summary>
/// Issue 15 in Chromium: an ASN reports a month's realised values with a PDF, the Kepala OPD sees the chart move,
/// the Bupati sees the innovation under "target tercapai", and the catalogue finds it by a word of its description.
/// </summary>
public sealed class OutcomesBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_reported_month_reaches_the_chart_the_dashboard_and_the_catalogue()
    {
        var word = "perahunelayan" + Guid.NewGuid().ToString("N")[..6];
        var p = await OutcomeTestData.InnovationAsync(app, "asn.dispar", title: "Wisata perahu nelayan",
            design: $"Rancang bangun wisata {word} bersama kelompok nelayan.");

        var head = await app.LoginAsync("kepala.dispar");
        await head.GotoAsync($"/proposals/{p.Id}");
        var chart = head.Locator("[data-testid=outcome-indicator]").First.Locator("svg.outcome-chart");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-points", "0");

        var asn = await app.LoginAsync("asn.dispar");
        await asn.GotoAsync($"/proposals/{p.Id}");
        await asn.ClickAsync("[data-testid=report-link]");
        await asn.Locator("#period").FillAsync(OutcomeTestData.ThisMonth);
        await asn.Locator("[data-testid=report-value]").Nth(0).FillAsync("2100");
        await asn.Locator("[data-testid=report-value]").Nth(1).FillAsync("7,5");
        await asn.Locator("[data-testid=report-evidence]").SetInputFilesAsync(new FilePayload
        {
            Name = "laporan-bulanan.pdf", MimeType = "application/pdf", Buffer = EvidenceFiles.Pdf,
        });
        await asn.ClickAsync("[data-testid=report-submit]");
        await asn.WaitForURLAsync($"**/proposals/{p.Id}?reported=*");
        await Assertions.Expect(asn.Locator("[data-testid=evidence-link]")).ToHaveTextAsync("laporan-bulanan.pdf");

        await head.ReloadAsync();
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-points", "1");
        await Assertions.Expect(head.Locator("[data-testid=outcome-state]").First).ToHaveTextAsync("Target tercapai");
        await Assertions.Expect(head.Locator("[data-testid=outcome-table]").Nth(1)).ToContainTextAsync("7,5");

        var bupati = await app.LoginAsync("bupati");
        await bupati.GotoAsync("/Dashboard");
        var panel = bupati.Locator("[data-testid=dashboard-outcomes]");
        await Assertions.Expect(panel).ToContainTextAsync("Target tercapai");
        await Assertions.Expect(panel.Locator("[data-testid=dashboard-achieved]")).ToContainTextAsync("Wisata perahu nelayan");

        await bupati.GotoAsync("/catalogue");
        await bupati.Locator("[data-testid=catalogue-q]").FillAsync(word);
        await bupati.Locator("[data-testid=catalogue-form] button[type=submit]").ClickAsync();
        var item = bupati.Locator("[data-testid=catalogue-item]");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await item.Locator("a").ClickAsync();
        await bupati.WaitForURLAsync($"**/proposals/{p.Id}");
        foreach (var page in new[] { head, asn, bupati }) await page.Context.CloseAsync();
    }
}
