using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Proposals;
using IdeaHub.Tests.Reviews;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Workflow;

/// <summary>Issue 12.11: the bell names the proposal and its new status, the badge follows live, words read right.</summary>
public sealed class WordingBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_open_page_badge_and_the_bell_follow_a_decision_live_and_comments_keep_their_lines()
    {
        var id = await ReviewTestData.ProposalAsync(app, "asn.rsud", title: "Usulan yang diputuskan");
        await app.WithDbAsync(async db =>
        {
            var reviewer = await db.Users.SingleAsync(u => u.UserName == "reviewer");
            db.Add(new Comment { PemkabId = reviewer.PemkabId, ProposalId = id, AuthorId = reviewer.Id, Body = "Baris satu\nBaris dua" });
            return await db.SaveChangesAsync();
        });
        var author = await app.LoginAsync("asn.rsud");
        await author.GotoAsync($"/proposals/{id}");
        await author.WaitForSelectorAsync("#notification-bell[data-state=connected]");
        var comment = author.Locator("[data-testid=comment] p").First;
        Assert.Contains("Baris satu\nBaris dua", await comment.InnerTextAsync());

        using var reviewer = await app.ClientAsAsync("reviewer");
        var version = (await reviewer.GetProposalAsync(id)).Version;
        var res = await reviewer.TransitionAsync(id, "NeedsRevision", version, "Tambahkan data dasar.");
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());

        await Assertions.Expect(author.Locator("[data-testid=proposal-status]")).ToHaveTextAsync("Perlu revisi");
        await Assertions.Expect(author.Locator("[data-testid=proposal-status]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-NeedsRevision"));
        var bell = author.Locator("[data-notification-list] li").First;
        await Assertions.Expect(bell).ToContainTextAsync("“Usulan yang diputuskan” → Perlu revisi");
        Assert.Matches(@"\d{1,2} \w{3} \d{4} \d{2}\.\d{2}", await bell.Locator("small").TextContentAsync());
        await author.Context.CloseAsync();
    }

    [Fact]
    public async Task A_kepala_sees_their_own_decision_heading_and_simpan_says_it_saved()
    {
        var submitted = await app.WithDbAsync(db => db.Set<Proposal>()
            .Where(p => p.Title == "Antrean daring rawat jalan RSUD").Select(p => p.Id).SingleAsync());
        var kepala = await app.LoginAsync("kepala.rsud");
        await kepala.GotoAsync($"/proposals/{submitted}");
        await Assertions.Expect(kepala.Locator("[data-testid=decision-heading]")).ToHaveTextAsync("Keputusan Kepala OPD");
        await kepala.Context.CloseAsync();

        var draft = await ReviewTestData.ProposalAsync(app, "asn.dinkes", ProposalStatus.Draft, title: "Draf untuk disimpan");
        var asn = await app.LoginAsync("asn.dinkes");
        await asn.GotoAsync($"/proposals/{draft}/edit");
        await asn.ClickAsync("#save-proposal");
        await asn.WaitForURLAsync("**saved=1");
        var message = asn.Locator("[data-testid=page-message]");
        await Assertions.Expect(message).ToHaveTextAsync("Perubahan tersimpan.");
        await Assertions.Expect(message).ToHaveClassAsync("notice");
        await asn.Context.CloseAsync();
    }

    [Fact]
    public async Task A_browser_in_english_still_gets_indonesian_until_the_user_chooses_english()
    {
        var page = await app.LoginAsync("asn.dinkes", locale: "en-US");
        await Assertions.Expect(page.Locator("nav a[href='/']")).ToHaveTextAsync("Beranda");
        await page.SelectOptionAsync("#culture-select", "en");
        await Assertions.Expect(page.Locator("nav a[href='/']")).ToHaveTextAsync("Home");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_390_px_the_header_stays_small_and_a_long_unbroken_title_does_not_widen_the_page()
    {
        await ReviewTestData.ProposalAsync(app, "asn.dinkes", ProposalStatus.Draft, title: new string('W', 160));
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = "id-ID", ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#UserName", "asn.dinkes");
        await page.FillAsync("#Password", IdeaHubApp.Password);
        await page.ClickAsync("button[type=submit].primary");
        await page.WaitForSelectorAsync("[data-testid=home-drafts]");
        var header = (await page.Locator("header.topbar").BoundingBoxAsync())!;
        Assert.True(header.Height < 844 / 6.0, $"header is {header.Height} px high");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways");
        await Artefacts.ScreenshotAsync(page, "mobile-home-asn");
        await context.CloseAsync();
    }
}
