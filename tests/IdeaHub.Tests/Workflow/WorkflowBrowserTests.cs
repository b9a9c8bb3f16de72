using IdeaHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Workflow;

/// <summary>Issue 12 screens in Chromium; screenshots go to the test output's artefacts folder.</summary>
public sealed class WorkflowBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_returned_proposal_shows_what_to_fix_first_and_the_timeline_with_the_reason()
    {
        var page = await app.LoginAsync("asn.dinkes");
        await page.GotoAsync("/proposals");
        await page.ClickAsync("a:has-text('Posyandu digital pemantau balita stunting')");
        var fix = page.Locator("[data-testid=what-to-fix]");
        await Assertions.Expect(fix).ToContainTextAsync("Lengkapi data dasar stunting per desa");
        await Assertions.Expect(page.Locator("[data-testid=status-timeline] li[data-action=request-revision]"))
            .ToContainTextAsync("meminta revisi");
        var fixTop = (await fix.BoundingBoxAsync())!.Y;
        var contentTop = (await page.Locator("#content-title").BoundingBoxAsync())!.Y;
        Assert.True(fixTop < contentTop, "what to fix comes before the content");
        await Artefacts.ScreenshotAsync(page, "timeline-asn");
        await page.Context.CloseAsync();
    }
}
