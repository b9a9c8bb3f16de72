using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Tests.Reviews;

/// <summary>Issue #11.7, in Chromium: a Kepala OPD's review queue lists only proposals they can open.</summary>
public sealed class ReviewQueueBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_kepalas_queue_shows_only_proposals_they_can_open()
    {
        var ownSubmitted = await ReviewTestData.ProposalAsync(app, "asn.dinkes", ProposalStatus.Submitted, title: "Antrean sendiri menunggu pengesahan");
        var otherSubmitted = await ReviewTestData.ProposalAsync(app, "asn.disdik", ProposalStatus.Submitted, title: "Usulan Disdik belum diteruskan");
        var otherInReview = await ReviewTestData.ProposalAsync(app, "asn.dispar", ProposalStatus.InReview, title: "Wisata desa dalam tinjauan");
        var otherRevision = await ReviewTestData.ProposalAsync(app, "asn.dishub", ProposalStatus.NeedsRevision, title: "Halte pintar direvisi");

        var page = await app.LoginAsync("kepala.dinkes");
        await page.GotoAsync("/review");
        var listed = new List<string>();
        foreach (var row in await page.Locator("[data-proposal-row]").AllAsync())
            listed.Add((await row.GetAttributeAsync("data-proposal-row"))!);
        Assert.Contains(ownSubmitted.ToString(), listed);
        Assert.Contains(otherInReview.ToString(), listed);
        Assert.DoesNotContain(otherSubmitted.ToString(), listed);
        Assert.DoesNotContain(otherRevision.ToString(), listed);

        // Every listed proposal opens (no raw 404 behind a queue link).
        foreach (var id in listed)
        {
            var res = await page.GotoAsync($"/review/{id}");
            Assert.Equal(200, res!.Status);
        }
        await page.Context.CloseAsync();
    }
}
