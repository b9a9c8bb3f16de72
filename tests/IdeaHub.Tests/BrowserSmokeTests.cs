using IdeaHub.Tests.Infrastructure;

namespace IdeaHub.Tests;

public sealed class BrowserSmokeTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Demo_user_logs_in_and_sees_their_name_and_role_navigation()
    {
        var page = await app.LoginAsync("asn.dinkes");
        Assert.Equal("Agus Prasetyo", await page.TextContentAsync("[data-testid=current-user]"));
        Assert.Equal(1, await page.Locator("nav a[href='/proposals']").CountAsync());
        Assert.Equal(0, await page.Locator("nav a[href='/admin']").CountAsync());
        await page.ClickAsync("header button.link");
        await page.WaitForURLAsync("**/Account/Login");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wrong_password_shows_an_indonesian_message()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#UserName", "asn.dinkes");
        await page.FillAsync("#Password", "bukan-sandinya");
        await page.ClickAsync("button[type=submit].primary");
        Assert.Contains("kata sandi salah", await page.TextContentAsync("[data-testid=login-error]"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Language_switch_turns_the_ui_english()
    {
        var page = await app.LoginAsync("bupati");
        await page.SelectOptionAsync("#culture-select", "en");
        await page.WaitForSelectorAsync("html[lang=en]", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        Assert.Contains("Sign out", await page.TextContentAsync("header"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
