using System.Net.Http.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Reviews;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Duplicates;

/// <summary>
/// The last step of the walk-through, in Chromium: a reviewer finds the second OPD's proposal in the
/// "kemungkinan duplikat" panel of the first, merges it with a reason, and the Kepala OPD votes move over.
/// </summary>
public sealed class DuplicateMergeBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private Task<Guid> InReviewAsync(string author, string title, string problem, string design) =>
        ReviewTestData.ProposalAsync(app, author, title: title, problem: problem, design: design);

    private async Task VoteAsync(string kepala, Guid proposal)
    {
        using var client = await app.ClientAsAsync(kepala);
        var res = await client.PutAsJsonAsync($"/api/proposals/{proposal}/vote", new { support = true });
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reviewer_merges_the_duplicate_with_a_reason_and_its_votes_move_to_the_original()
    {
        var original = await InReviewAsync("asn.dinkes", "Antrean Online Puskesmas Terpadu",
            "Pasien puskesmas menunggu lama karena harus datang pagi untuk mengambil nomor antrean.",
            "Aplikasi antrean online di ponsel: pasien memilih poli dan jam kedatangan, lalu mendapat nomor antrean.");
        var duplicate = await InReviewAsync("asn.dukcapil", "Ambil nomor berobat puskesmas dari rumah",
            "Warga datang subuh ke puskesmas demi nomor antrean; antrean pagi sangat panjang.",
            "Pendaftaran online lewat ponsel: pasien memilih poli dan jam, lalu mendapat nomor antrean puskesmas.");
        await VoteAsync("kepala.disdik", duplicate);
        await VoteAsync("kepala.pupr", duplicate);

        var reviewer = await app.LoginAsync("reviewer");
        await reviewer.GotoAsync($"/proposals/{original}");
        var panel = reviewer.Locator("[data-testid=similar-panel][data-mode=review]");
        var match = panel.Locator(".dup-match", new() { HasText = "Ambil nomor berobat puskesmas dari rumah" });
        // The background worker embeds both proposals; the panel polls until the match appears.
        for (var attempt = 0; attempt < 30 && await match.CountAsync() == 0; attempt++)
        {
            await Task.Delay(1000);
            await reviewer.ReloadAsync();
        }
        await match.WaitForAsync(new() { Timeout = 5_000 });
        Assert.Contains("Dinas Kependudukan", await match.TextContentAsync());

        await match.GetByRole(AriaRole.Button, new() { Name = "Gabungkan ke usulan ini (duplikat)" }).ClickAsync();
        await match.Locator(".dup-merge-form textarea").FillAsync("Sama dengan antrean online Dinkes; silakan bergabung.");
        await match.GetByRole(AriaRole.Button, new() { Name = "Ya, gabungkan" }).ClickAsync();
        // The panel reloads without the merged proposal (merged proposals leave the similar lists).
        await panel.Locator(".dup-match", new() { HasText = "Ambil nomor berobat puskesmas dari rumah" })
            .WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });

        using var api = await app.ClientAsAsync("kepala.disdik");
        var totals = await api.GetFromJsonAsync<VotingTotals>($"/api/proposals/{original}/votes");
        Assert.Equal(2, totals!.Support);
        var (dupStatus, mergedInto, votesLeft) = await app.WithDbAsync(async db =>
        {
            var d = await db.Set<Proposal>().SingleAsync(p => p.Id == duplicate);
            return (d.Status, d.MergedIntoId, await db.Set<Vote>().CountAsync(v => v.ProposalId == duplicate));
        });
        Assert.Equal((ProposalStatus.Archived, (Guid?)original, 0), (dupStatus, mergedInto, votesLeft));

        // The duplicate's author opens the proposal and is told where it went.
        var author = await app.LoginAsync("asn.dukcapil");
        await author.GotoAsync($"/proposals/{duplicate}");
        var notice = author.Locator("[data-testid=merged-notice]");
        await notice.WaitForAsync();
        Assert.Equal($"/proposals/{original}", await notice.Locator("a").GetAttributeAsync("href"));

        await reviewer.Context.CloseAsync();
        await author.Context.CloseAsync();
    }

    private sealed record VotingTotals(int Support, int NotSupport, bool? Mine);
}
