using System.Diagnostics;
using IdeaHub.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IdeaHub.Tests.Reviews;

/// <summary>Two browsers: a reviewer scores and comments while the author's page updates without reload, also after being offline.</summary>
public sealed class TwoBrowserFeedbackTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private static async Task OpenLiveAsync(IPage page, Guid proposal)
    {
        await page.GotoAsync($"/review/{proposal}");
        await page.WaitForSelectorAsync("#notification-bell[data-state=connected]");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
    }

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));

    [Fact]
    public async Task Reviewer_feedback_appears_on_the_authors_open_page_without_reload()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dinkes");
        var author = await app.LoginAsync("asn.dinkes");
        await OpenLiveAsync(author, proposal);
        var reviewer = await app.LoginAsync("reviewer");
        await reviewer.GotoAsync($"/review/{proposal}");

        foreach (var group in await reviewer.Locator("[data-review-form] fieldset").AllAsync())
            await group.Locator("input[value='4']").CheckAsync();
        await reviewer.SelectOptionAsync("#review-recommendation", "Revise");
        await reviewer.FillAsync("#review-comment", "Tambahkan baseline waktu layanan.");
        await reviewer.ClickAsync("[data-review-form] button[type=submit]");
        await reviewer.WaitForSelectorAsync("[data-review-form] [data-form-error]:has-text('Tersimpan.')");
        var saved = Stopwatch.StartNew();
        await author.WaitForSelectorAsync("[data-testid=review]:has-text('Tambahkan baseline waktu layanan.')", new() { Timeout = 5000 });
        output.WriteLine($"review visible on the author's page {saved.ElapsedMilliseconds} ms after the reviewer saw it saved");

        await reviewer.FillAsync("#comment-body", "Mohon lampirkan data 2025.");
        await reviewer.ClickAsync("[data-comment-form] button[type=submit]");
        await reviewer.WaitForSelectorAsync("[data-testid=comment]:has-text('Mohon lampirkan data 2025.')");
        saved.Restart();
        await author.WaitForSelectorAsync("[data-testid=comment]:has-text('Mohon lampirkan data 2025.')", new() { Timeout = 5000 });
        output.WriteLine($"comment visible on the author's page {saved.ElapsedMilliseconds} ms after the reviewer's page showed it");
        Assert.Equal("4,00/5", (await author.TextContentAsync("[data-testid=review]"))!.Split(" · ")[^1][..6]);
        Assert.NotEqual("0", await author.TextContentAsync("[data-testid=unread-count]"));
        await AssertNotReloadedAsync(author);
        await author.Context.CloseAsync();
        await reviewer.Context.CloseAsync();
    }

    [Fact]
    public async Task Reviews_posted_while_the_author_is_offline_appear_after_reconnecting()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dispar");
        var author = await app.LoginAsync("asn.dispar");
        await OpenLiveAsync(author, proposal);

        await author.Context.SetOfflineAsync(true);
        await author.WaitForSelectorAsync("#notification-bell[data-state=disconnected]");
        await ReviewTestData.PostReviewAsync(app, "kepala.disdik", proposal, "Offline satu: manfaat terukur.");
        await ReviewTestData.PostReviewAsync(app, "kepala.pupr", proposal, "Offline dua: biaya wajar.");
        Assert.Equal(0, await author.Locator("[data-testid=review]").CountAsync());

        await author.Context.SetOfflineAsync(false);
        await author.WaitForSelectorAsync("#notification-bell[data-state=connected]");
        await author.WaitForSelectorAsync("[data-testid=review]:has-text('Offline dua: biaya wajar.')", new() { Timeout = 10000 });
        var texts = await author.Locator("[data-testid=review] p").AllTextContentsAsync();
        Assert.Equal(["Offline satu: manfaat terukur.", "Offline dua: biaya wajar."], texts);
        Assert.Equal("2", await author.TextContentAsync("[data-testid=unread-count]"));
        await AssertNotReloadedAsync(author);
        await author.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_rubric_page_refuses_a_zero_weight_and_saves_a_decimal_comma()
    {
        var admin = await app.LoginAsync("admin");
        await admin.GotoAsync("/admin/rubric");
        await admin.FillAsync("#weight-0", "0");
        await admin.ClickAsync("main button[type=submit]");
        Assert.Contains("Bobot harus", await admin.TextContentAsync("main [role=alert]"));
        await admin.FillAsync("#weight-0", "1,5");
        await admin.ClickAsync("main button[type=submit]");
        await admin.WaitForURLAsync("**/admin/rubric?saved=True");
        Assert.Equal("1,5", await admin.InputValueAsync("#weight-0"));
        await admin.Context.CloseAsync();
    }
}
