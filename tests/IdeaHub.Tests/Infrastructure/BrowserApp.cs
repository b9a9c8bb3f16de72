using Microsoft.Playwright;

namespace IdeaHub.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (a loopback port) plus Debian's Chromium driven by Playwright. Use as a class
/// fixture; each test opens its own context(s) with <see cref="NewPageAsync"/> or <see cref="LoginAsync"/>,
/// so two "browsers" (contexts) can act as two users at once.
/// </summary>
public class BrowserApp : IdeaHubApp
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("IDEAHUB_CHROMIUM") ?? "/usr/bin/chromium";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartOnKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A page in a fresh browser context (its own cookies), Indonesian UI unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(string locale = "id-ID")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        // Deciding actions ask in the page's own <dialog> (data-confirm; tests click [data-confirm-ok]). A native
        // browser dialog would block the page: none is expected, and one that appears is accepted.
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        return page;
    }

    /// <summary>Signs a demo user in through the real login form and returns the page on the home screen.</summary>
    public async Task<IPage> LoginAsync(string userName, string password = Password, string locale = "id-ID")
    {
        var page = await NewPageAsync(locale);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button[type=submit].primary");
        await page.WaitForSelectorAsync("[data-testid=current-user]");
        return page;
    }
}
