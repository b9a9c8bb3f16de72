using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Proposals;
using IdeaHub.Tests.Reviews;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Workflow;

/// <summary>
/// Issue 12.8 and 12.4 in Chromium: deleting, archiving, joining and deciding ask once, in the page's dialog, saying
/// what will happen; cancelling changes nothing; the reviewer scores beside the whole proposal.
/// </summary>
public sealed class ConfirmationBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private Task<ProposalStatus?> StatusAsync(Guid id) =>
        app.WithDbAsync(db => db.Set<Proposal>().Where(p => p.Id == id).Select(p => (ProposalStatus?)p.Status).SingleOrDefaultAsync());

    [Fact]
    public async Task Deleting_a_draft_asks_first_and_cancel_keeps_it()
    {
        var id = await ReviewTestData.ProposalAsync(app, "asn.dinkes", ProposalStatus.Draft, title: "Draf yang akan dihapus");
        var page = await app.LoginAsync("asn.dinkes");
        await page.GotoAsync($"/proposals/{id}");
        var dialog = page.Locator("[data-testid=confirm-dialog]");

        await page.ClickAsync("button[data-action=delete]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Hapus draf \"Draf yang akan dihapus\" untuk selamanya?");
        await dialog.Locator("[data-confirm-cancel]").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        Assert.EndsWith($"/proposals/{id}", page.Url);
        Assert.Equal(ProposalStatus.Draft, await StatusAsync(id));

        await page.ClickAsync("button[data-action=delete]");
        await dialog.Locator("[data-confirm-ok]").ClickAsync();
        await page.WaitForURLAsync("**/proposals");
        Assert.Null(await StatusAsync(id));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Request_revision_needs_the_reason_first_then_asks_and_records_it()
    {
        var id = await ReviewTestData.ProposalAsync(app, "asn.rsud", title: "Usulan untuk dikembalikan");
        var page = await app.LoginAsync("reviewer");
        await page.GotoAsync($"/proposals/{id}");
        var dialog = page.Locator("[data-testid=confirm-dialog]");
        var form = page.Locator("form.transition:has(button[data-action=request-revision])");

        // No reason yet: the browser points at the empty field, nothing is asked and nothing happens.
        await form.Locator("button[data-action=request-revision]").ClickAsync();
        Assert.False(await dialog.IsVisibleAsync());
        Assert.False(await form.Locator("textarea").EvaluateAsync<bool>("t => t.validity.valid"));

        await form.Locator("textarea").FillAsync("Tambahkan data waktu tunggu per poliklinik.");
        await form.Locator("button[data-action=request-revision]").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Kembalikan \"Usulan untuk dikembalikan\" ke pengusul");
        await dialog.Locator("[data-confirm-ok]").ClickAsync();
        await page.WaitForURLAsync("**done=NeedsRevision");
        await Assertions.Expect(page.Locator("[data-testid=status-timeline] li[data-action=request-revision]"))
            .ToContainTextAsync("Tambahkan data waktu tunggu per poliklinik.");
        Assert.Equal(ProposalStatus.NeedsRevision, await StatusAsync(id));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_review_page_shows_the_whole_proposal_and_approving_there_asks_first()
    {
        using var asn = await app.ClientAsAsync("asn.rsud");
        var created = await asn.CreateAsync(ProposalClient.Good with { Title = "Usulan lengkap untuk dinilai" });
        await app.WithDbAsync(db => db.Set<Proposal>().Where(p => p.Id == created.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalStatus.InReview)));
        var page = await app.LoginAsync("reviewer");
        await page.GotoAsync($"/review/{created.Id}");

        var content = page.Locator("[data-testid=review-proposal]");
        await Assertions.Expect(content.Locator("[data-field=design]")).ToContainTextAsync("Inovasi Izin Usaha Kilat mengubah alur");
        await Assertions.Expect(content.Locator("[data-field=benefits]")).ToContainTextAsync("Pelaku usaha menghemat waktu");
        await Assertions.Expect(content.Locator("[data-testid=indicator-table]")).ToContainTextAsync("Waktu penerbitan izin usaha");
        await Assertions.Expect(page.Locator("[data-testid=full-proposal-link]")).ToHaveAttributeAsync("href", $"/proposals/{created.Id}");

        var dialog = page.Locator("[data-testid=confirm-dialog]");
        await page.ClickAsync("button[data-decision=ApprovedForTrial]");
        await Assertions.Expect(dialog).ToContainTextAsync("Setujui usulan ini untuk uji coba?");
        await dialog.Locator("[data-confirm-cancel]").ClickAsync();
        Assert.Equal(ProposalStatus.InReview, await StatusAsync(created.Id));

        await page.ClickAsync("button[data-decision=ApprovedForTrial]");
        await dialog.Locator("[data-confirm-ok]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-live-status]").First).ToHaveTextAsync("Disetujui untuk uji coba");
        Assert.Equal(ProposalStatus.ApprovedForTrial, await StatusAsync(created.Id));
        await page.Context.CloseAsync();
    }
}
