using System.Text.RegularExpressions;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Reviews;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Workflow;

/// <summary>Issue 12.10: the Bupati's dashboard speaks plain Indonesian first, with the method one click away.</summary>
public sealed partial class DashboardWordsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Bupati_reads_plain_words_opens_the_proposal_and_sees_months_as_people_write_them()
    {
        var ranked = await ReviewTestData.ProposalAsync(app, "asn.dinkes", title: "Usulan untuk dasbor");
        await ReviewTestData.PostReviewAsync(app, "reviewer", ranked, "Jelas.");
        var page = await app.LoginAsync("bupati");
        await page.GotoAsync("/dashboard");

        var item = page.Locator("[data-testid=top10-item]").First;
        await Assertions.Expect(item.Locator("[data-testid=top10-plain]")).ToContainTextAsync(new Regex(@"dinilai \d+ penilai, rata-rata \d,\d dari 5"));
        var body = await page.Locator("[data-testid=top10]").InnerTextAsync();
        Assert.DoesNotContain("bobot m", body);
        Assert.DoesNotContain("Wilson", body);
        await Assertions.Expect(page.Locator("[data-testid=few-reviews]")).ToContainTextAsync("kurang dari");
        await item.Locator(".why summary").ClickAsync();
        await Assertions.Expect(item.Locator(".why")).ToContainTextAsync("skor");

        await Assertions.Expect(page.Locator("[data-testid=scroll-hint]")).ToBeVisibleAsync();
        var month = await page.Locator("#chart-trend ~ details tbody th, .charts figure.wide tbody th").First.TextContentAsync();
        Assert.Matches(ShortMonth(), month!.Trim());

        var href = await item.Locator("[data-testid=top10-title]").GetAttributeAsync("href");
        Assert.Matches("^/proposals/[0-9a-f-]{36}$", href!);
        var opened = await page.GotoAsync(href!);
        Assert.Equal(200, opened!.Status);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"^(Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}$")]
    private static partial Regex ShortMonth();
}
