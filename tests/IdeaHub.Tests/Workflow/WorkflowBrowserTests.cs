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

    [Fact]
    public async Task Admin_reaches_the_rubric_retires_a_criterion_and_writes_what_the_levels_mean()
    {
        var admin = await app.LoginAsync("admin");
        await admin.GotoAsync("/admin");
        await admin.ClickAsync("[data-testid=rubric-link]");
        await admin.WaitForURLAsync("**/admin/rubric");
        var kesesuaian = admin.Locator("fieldset[data-criterion=kesesuaian]");
        await kesesuaian.Locator("input[type=checkbox]").UncheckAsync();
        await kesesuaian.Locator("textarea").FillAsync("Sejalan dengan RKPD tahun berjalan.");
        var manfaat = admin.Locator("fieldset[data-criterion=manfaat]");
        Assert.Equal("1,5", await manfaat.Locator("input[name$='.Weight']").InputValueAsync());
        Assert.Equal("Manfaat tidak disebutkan", await manfaat.Locator("input[name$='.Levels[0]']").InputValueAsync());
        await manfaat.Locator("input[name$='.Levels[4]']").FillAsync("Indikator terukur dengan sumber data resmi");
        var added = admin.Locator("fieldset[data-criterion=new]");
        await added.Locator("input[name$='.Code']").FillAsync("inklusif");
        await added.Locator("input[name$='.Name']").FillAsync("Inklusif");
        await added.Locator("input[type=checkbox]").UncheckAsync();
        await admin.ClickAsync("main button[type=submit].primary");
        await Assertions.Expect(admin.Locator("[data-testid=rubric-saved]")).ToHaveTextAsync("Rubrik tersimpan.");

        Assert.False(await admin.Locator("fieldset[data-criterion=kesesuaian] input[type=checkbox]").IsCheckedAsync());
        Assert.False(await admin.Locator("fieldset[data-criterion=inklusif] input[type=checkbox]").IsCheckedAsync());
        Assert.Equal("Sejalan dengan RKPD tahun berjalan.", await admin.Locator("fieldset[data-criterion=kesesuaian] textarea").InputValueAsync());
        Assert.Equal("Indikator terukur dengan sumber data resmi",
            await admin.Locator("fieldset[data-criterion=manfaat] input[name$='.Levels[4]']").InputValueAsync());
        var active = await admin.APIRequest.GetAsync("/api/rubric");
        var body = await active.TextAsync();
        Assert.DoesNotContain("kesesuaian", body);
        Assert.DoesNotContain("inklusif", body);

        // Put the rubric back for the other tests of this fixture.
        await admin.Locator("fieldset[data-criterion=kesesuaian] input[type=checkbox]").CheckAsync();
        await admin.ClickAsync("main button[type=submit].primary");
        await Assertions.Expect(admin.Locator("[data-testid=rubric-saved]")).ToBeVisibleAsync();
        await admin.Context.CloseAsync();
    }
}
