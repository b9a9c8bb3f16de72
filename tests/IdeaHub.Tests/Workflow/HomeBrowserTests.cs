using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Reviews;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Workflow;

/// <summary>Issue 12.9: each role's home lists what needs their action, only from proposals the rule lets them see.</summary>
public sealed class HomeBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static ILocator Item(IPage page, string section, Guid id) =>
        page.Locator($"[data-testid=home-{section}] li[data-proposal-id='{id}']");

    [Fact]
    public async Task Asn_home_shows_what_came_back_with_the_reason_drafts_and_new_feedback()
    {
        var draft = await ReviewTestData.ProposalAsync(app, "asn.dinkes", ProposalStatus.Draft, title: "Draf beranda ASN");
        var returned = await app.WithDbAsync(db => db.Set<Proposal>()
            .Where(p => p.Title == "Posyandu digital pemantau balita stunting").Select(p => p.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            var reviewer = await db.Users.SingleAsync(u => u.UserName == "reviewer");
            db.Add(new Comment { PemkabId = reviewer.PemkabId, ProposalId = returned, AuthorId = reviewer.Id, Body = "Sudah lebih jelas." });
            return await db.SaveChangesAsync();
        });
        var otherOpd = await ReviewTestData.ProposalAsync(app, "asn.rsud", ProposalStatus.Draft, title: "Draf OPD lain");

        var page = await app.LoginAsync("asn.dinkes");
        await Assertions.Expect(Item(page, "returned", returned).Locator("[data-testid=home-reason]"))
            .ToContainTextAsync("Lengkapi data dasar stunting per desa");
        await Assertions.Expect(Item(page, "drafts", draft)).ToContainTextAsync("Draf beranda ASN");
        await Assertions.Expect(Item(page, "feedback", returned)).ToContainTextAsync("Komentar baru");
        Assert.Equal(0, await page.Locator($"li[data-proposal-id='{otherOpd}']").CountAsync());
        await Item(page, "returned", returned).Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/proposals/{returned}");

        await page.GotoAsync("/proposals");
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.DoesNotContain("Usulan yang dapat Anda tinjau", await page.ContentAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Kepala_home_shows_their_opd_waiting_for_endorsement_and_other_opds_open_for_their_vote()
    {
        var submitted = await app.WithDbAsync(db => db.Set<Proposal>()
            .Where(p => p.Title == "Antrean daring rawat jalan RSUD").Select(p => p.Id).SingleAsync());
        var inReview = await ReviewTestData.ProposalAsync(app, "asn.rsud", title: "Usulan RSUD untuk suara");

        var rsud = await app.LoginAsync("kepala.rsud");
        await Assertions.Expect(Item(rsud, "endorse", submitted)).ToContainTextAsync("Antrean daring rawat jalan RSUD");
        Assert.Equal(0, await Item(rsud, "vote", inReview).CountAsync());
        await rsud.Context.CloseAsync();

        var dinkes = await app.LoginAsync("kepala.dinkes");
        await Assertions.Expect(Item(dinkes, "vote", inReview)).ToContainTextAsync("Usulan RSUD untuk suara");
        Assert.Equal(0, await dinkes.Locator($"li[data-proposal-id='{submitted}']").CountAsync());
        await dinkes.Context.CloseAsync();
    }

    [Fact]
    public async Task Tim_inovasi_home_is_the_review_queue_longest_waiting_first_without_unforwarded_submissions()
    {
        var older = await ReviewTestData.ProposalAsync(app, "asn.rsud", title: "Menunggu lama");
        var newer = await ReviewTestData.ProposalAsync(app, "asn.dinkes", title: "Baru masuk");
        var notForwarded = await ReviewTestData.ProposalAsync(app, "asn.rsud", ProposalStatus.Submitted, title: "Belum diteruskan");
        await app.WithDbAsync(db => db.Set<Proposal>().Where(p => p.Id == older)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SubmittedAt, DateTimeOffset.UtcNow.AddDays(-40))));

        var page = await app.LoginAsync("reviewer");
        var queue = page.Locator("[data-testid=home-queue] li");
        await Assertions.Expect(Item(page, "queue", newer)).ToBeVisibleAsync();
        var ids = await queue.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.proposalId)");
        Assert.True(Array.IndexOf(ids, older.ToString()) < Array.IndexOf(ids, newer.ToString()), string.Join(", ", ids));
        Assert.DoesNotContain(notForwarded.ToString(), ids);
        await Assertions.Expect(Item(page, "queue", older).Locator("a")).ToHaveAttributeAsync("href", $"/review/{older}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bupati_home_shows_this_months_top_ten_in_plain_words_and_admin_home_the_setup_tasks()
    {
        var ranked = await ReviewTestData.ProposalAsync(app, "asn.dinkes", title: "Usulan dinilai bulan ini");
        await ReviewTestData.PostReviewAsync(app, "reviewer", ranked, "Jelas.");

        var bupati = await app.LoginAsync("bupati");
        var top = bupati.Locator("[data-testid=home-top] li");
        await Assertions.Expect(top.First).ToContainTextAsync("dari 5");
        Assert.InRange(await top.CountAsync(), 1, 10);
        StringAssert(await top.First.Locator("a").GetAttributeAsync("href"));
        await bupati.Context.CloseAsync();

        var admin = await app.LoginAsync("admin");
        var tasks = admin.Locator("[data-testid=home-tasks] li");
        await Assertions.Expect(tasks).ToHaveCountAsync(5);
        await Assertions.Expect(admin.Locator("[data-task='Home.Task.Rubric']")).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(admin.Locator("[data-task='Home.Task.CloseMonth'] a")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/dashboard\\?month=\\d{4}-\\d{2}$"));
        await admin.Context.CloseAsync();

        static void StringAssert(string? href) => Assert.Matches("^/proposals/[0-9a-f-]{36}$", href ?? "");
    }
}
