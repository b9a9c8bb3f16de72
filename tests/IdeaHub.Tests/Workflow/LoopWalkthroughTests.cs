using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Proposals;
using IdeaHub.Tests.Reviews;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Workflow;

/// <summary>
/// Issue 12 "done means": the whole loop in Chromium across two OPDs (RSUD writes, Dinas Kesehatan's Kepala votes):
/// draft → duplicate decision → submit → Kepala endorses → Tim Inovasi reviews beside the full proposal and asks for a
/// revision with a reason → the ASN sees it on home and proposal, revises, resubmits → endorsed again → approved →
/// the Bupati reads it in plain words. Screenshots of each step's page are saved as artefacts.
/// </summary>
public sealed class LoopWalkthroughTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Title = "Izin usaha kilat versi RSUD";

    private static async Task ConfirmAsync(IPage page, string selector)
    {
        await page.ClickAsync(selector);
        await page.Locator("[data-testid=confirm-dialog] [data-confirm-ok]").ClickAsync();
    }

    private async Task EndorseAsync(Guid id)
    {
        var kepala = await app.LoginAsync("kepala.rsud");
        await kepala.Locator($"[data-testid=home-endorse] li[data-proposal-id='{id}'] a").ClickAsync();
        await ConfirmAsync(kepala, "button[data-action=endorse]");
        await kepala.WaitForURLAsync("**done=InReview");
        await kepala.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_opds_go_round_the_whole_loop()
    {
        using var api = await app.ClientAsAsync("asn.rsud");
        var id = (await api.CreateAsync(ProposalClient.Good with { Title = Title })).Id;

        // ASN: the draft resembles DPMPTSP's approved innovation; they decide it is different, then submit.
        var asn = await app.LoginAsync("asn.rsud");
        await asn.Locator($"[data-testid=home-drafts] li[data-proposal-id='{id}'] a").ClickAsync();
        var match = asn.Locator("[data-testid=similar-panel][data-mode=submit] .dup-match").First;
        await match.WaitForAsync(new() { Timeout = 30_000 });
        await match.GetByRole(AriaRole.Button, new() { Name = "Ide saya berbeda" }).ClickAsync();
        await match.Locator(".badge", new() { HasText = "✓" }).WaitForAsync();
        await asn.ClickAsync("button[data-action=submit]");
        await asn.WaitForURLAsync("**done=Submitted");
        await asn.Context.CloseAsync();

        await EndorseAsync(id);

        // Tim Inovasi scores beside the whole proposal, then returns it with a reason.
        await ReviewTestData.PostReviewAsync(app, "reviewer", id, "Indikator jelas, data dasar kurang.");
        var reviewer = await app.LoginAsync("reviewer");
        await reviewer.Locator($"[data-testid=home-queue] li[data-proposal-id='{id}'] a").ClickAsync();
        await Assertions.Expect(reviewer.Locator("[data-testid=review-proposal] [data-field=design]")).ToContainTextAsync("Izin Usaha Kilat");
        await Assertions.Expect(reviewer.Locator("[data-testid=review-proposal] [data-testid=indicator-table]")).ToBeVisibleAsync();
        await reviewer.FillAsync("#decision-note", "Tambahkan data waktu tunggu per loket.");
        await ConfirmAsync(reviewer, "button[data-decision=NeedsRevision]");
        await Assertions.Expect(reviewer.Locator("[data-live-status]").First).ToHaveTextAsync("Perlu revisi");
        await reviewer.Context.CloseAsync();

        // ASN: the reason on home and first on the proposal; revise, save, resubmit.
        asn = await app.LoginAsync("asn.rsud");
        var returned = asn.Locator($"[data-testid=home-returned] li[data-proposal-id='{id}']");
        await Assertions.Expect(returned).ToContainTextAsync("Tambahkan data waktu tunggu per loket.");
        await Artefacts.ScreenshotAsync(asn, "loop-home-asn-returned");
        await returned.Locator("a").ClickAsync();
        await Assertions.Expect(asn.Locator("[data-testid=what-to-fix]")).ToContainTextAsync("Tambahkan data waktu tunggu per loket.");
        await asn.ClickAsync("[data-testid=edit-link]");
        await asn.FillAsync("#problem", "Waktu tunggu per loket: pendaftaran 35 menit, verifikasi 40 menit, pengambilan 20 menit.");
        await asn.ClickAsync("#save-proposal");
        await asn.WaitForURLAsync("**saved=1");
        await asn.ClickAsync("button[data-action=resubmit]");
        await asn.WaitForURLAsync("**done=Submitted");
        await asn.Context.CloseAsync();

        await EndorseAsync(id);

        // Another OPD's Kepala votes; Tim Inovasi approves.
        var dinkes = await app.LoginAsync("kepala.dinkes");
        await dinkes.Locator($"[data-testid=home-vote] li[data-proposal-id='{id}'] a").ClickAsync();
        await dinkes.ClickAsync("button[data-vote=true]");
        await Assertions.Expect(dinkes.Locator("[data-testid=votes-support]")).ToHaveTextAsync("1");
        await dinkes.Context.CloseAsync();

        reviewer = await app.LoginAsync("reviewer");
        await reviewer.GotoAsync($"/review/{id}");
        await ConfirmAsync(reviewer, "button[data-decision=ApprovedForTrial]");
        await Assertions.Expect(reviewer.Locator("[data-live-status]").First).ToHaveTextAsync("Disetujui untuk uji coba");
        await reviewer.GotoAsync($"/proposals/{id}");
        var timeline = reviewer.Locator("[data-testid=status-timeline]");
        await Assertions.Expect(timeline.Locator("li[data-action=request-revision]")).ToContainTextAsync("Tambahkan data waktu tunggu per loket.");
        await Assertions.Expect(timeline.Locator("li[data-action=approve]")).ToBeVisibleAsync();
        await Artefacts.ScreenshotAsync(reviewer, "loop-timeline");
        await reviewer.Context.CloseAsync();

        // The Bupati reads it in plain words on home and dashboard.
        var bupati = await app.LoginAsync("bupati");
        var top = bupati.Locator($"[data-testid=home-top] li[data-proposal-id='{id}']");
        await Assertions.Expect(top).ToContainTextAsync("dinilai 1 penilai");
        await Artefacts.ScreenshotAsync(bupati, "loop-home-bupati");
        await bupati.GotoAsync("/dashboard");
        await Assertions.Expect(bupati.Locator("[data-testid=top10-item]", new() { HasText = Title }).Locator("[data-testid=top10-plain]"))
            .ToContainTextAsync("didukung 1 dari 1 Kepala OPD");
        await bupati.Context.CloseAsync();
    }
}
