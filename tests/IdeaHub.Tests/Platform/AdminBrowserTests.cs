using IdeaHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Platform;

/// <summary>The admin pages in Chromium: an admin creates an OPD and a user, and that user signs in.</summary>
public sealed class AdminBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>Set IDEAHUB_SCREENSHOTS to a folder to keep screenshots of the pages for a human look.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("IDEAHUB_SCREENSHOTS") is { Length: > 0 } dir)
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task Admin_creates_an_opd_and_a_user_who_then_signs_in()
    {
        var admin = await app.LoginAsync("admin");
        await admin.ClickAsync("nav a[href='/admin']");
        await admin.WaitForSelectorAsync("[data-testid=admin-dashboard]");
        await ShotAsync(admin, "admin-dashboard");

        await admin.GotoAsync("/admin/opds");
        await admin.ClickAsync("[data-testid=new-opd]");
        await admin.FillAsync("#f-code", "bpbd");
        await admin.ClickAsync("button[type=submit].primary");
        Assert.Equal("true", await admin.GetAttributeAsync("#f-name", "aria-invalid"));
        Assert.Equal("Wajib diisi.", await admin.TextContentAsync("#f-name-error"));
        await ShotAsync(admin, "opd-form-error");
        await admin.FillAsync("#f-name", "Badan Penanggulangan Bencana Daerah");
        await admin.ClickAsync("button[type=submit].primary");
        await admin.WaitForURLAsync("**/admin/opds");
        Assert.Contains("Badan Penanggulangan Bencana Daerah", await admin.TextContentAsync("[data-testid=opd-table]"), StringComparison.Ordinal);

        await admin.GotoAsync("/admin/users");
        await admin.ClickAsync("[data-testid=new-user]");
        await admin.FillAsync("#f-username", "asn.bpbd");
        await admin.FillAsync("#f-fullname", "Dani Setiawan");
        await admin.SelectOptionAsync("#f-role", "Asn");
        await admin.SelectOptionAsync("#f-opdid", new SelectOptionValue { Label = "Badan Penanggulangan Bencana Daerah (bpbd)" });
        await admin.ClickAsync("[data-testid=user-form] button[type=submit]");
        var password = await admin.TextContentAsync("[data-testid=generated-password]");
        Assert.Matches("^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$", password);
        await ShotAsync(admin, "user-created");

        var user = await app.LoginAsync("asn.bpbd", password!);
        // The administrator chose this password: the first stop is choosing one's own.
        await user.WaitForSelectorAsync("[data-testid=password-change-required]");
        await user.FillAsync("#f-current", password!);
        await user.FillAsync("#f-password", "Dani#Bpbd2026");
        await user.FillAsync("#f-confirm", "Dani#Bpbd2027");
        await user.ClickAsync("form button[type=submit].primary");
        Assert.Equal("Konfirmasi kata sandi tidak sama.", await user.TextContentAsync("#f-confirm-error"));
        await user.FillAsync("#f-current", password!);
        await user.FillAsync("#f-password", "Dani#Bpbd2026");
        await user.FillAsync("#f-confirm", "Dani#Bpbd2026");
        await user.ClickAsync("form button[type=submit].primary");
        // Changing the password hashes it and signs in again: under a full parallel suite this can pass 15 s.
        await user.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/", new() { Timeout = 30_000 });
        Assert.Equal("Dani Setiawan", await user.TextContentAsync("[data-testid=current-user]"));
        Assert.Equal(0, await user.Locator("nav a[href='/admin']").CountAsync());
        await user.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task The_user_list_is_usable_on_a_phone()
    {
        var admin = await app.LoginAsync("admin");
        await admin.SetViewportSizeAsync(390, 844);
        await admin.GotoAsync("/admin/users?q=dinkes");
        Assert.Equal(2, await admin.Locator("[data-testid=user-table] tbody tr").CountAsync());
        var width = await admin.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide on a 390px screen");
        await ShotAsync(admin, "users-phone");
        await admin.Context.CloseAsync();
    }
}
