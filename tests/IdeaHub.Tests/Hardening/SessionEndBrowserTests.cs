using System.Net.Http.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Platform;
using IdeaHub.Tests.Proposals;
using IdeaHub.Web.Organisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Hardening;

/// <summary>Issue 11.4 in Chromium: a deactivated user's open page stops receiving events at once.</summary>
public sealed class SessionEndBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_deactivated_users_open_page_is_cut_off_and_hears_nothing_more()
    {
        using var author = await app.ClientAsAsync("asn.dinkes");
        var p = await author.CreateAsync();
        (await author.TransitionAsync(p.Id, "Submitted", p.Version, "mohon ditinjau")).EnsureSuccessStatusCode();
        using var kepala = await app.ClientAsAsync("kepala.dinkes");

        var page = await app.LoginAsync("asn.dinkes");
        await page.GotoAsync($"/proposals/{p.Id}");
        var bell = page.Locator("#notification-bell");
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-state", "connected");

        // While active, the Kepala's comment arrives live in the bell.
        (await kepala.PostAsJsonAsync($"/api/proposals/{p.Id}/comments", new { body = "Mohon tambahkan data antrean." })).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("[data-unread-count]")).ToHaveTextAsync("1");

        var id = await app.UserIdAsync("asn.dinkes");
        using var admin = await app.ClientAsAsync("admin");
        (await admin.PostAsync($"/api/admin/users/{id}/deactivate", null)).EnsureSuccessStatusCode();

        // The server closes the page's socket and refuses its reconnects: the bell says so, and no connection of the
        // user is open when the next comment is stored, so it cannot reach the page.
        await Assertions.Expect(bell).Not.ToHaveAttributeAsync("data-state", "connected");
        Assert.Equal(0, app.Services.GetRequiredService<HubSessions>().OpenFor(id));
        (await kepala.PostAsJsonAsync($"/api/proposals/{p.Id}/comments", new { body = "Rahasia setelah dinonaktifkan." })).EnsureSuccessStatusCode();
        Assert.Equal(0, app.Services.GetRequiredService<HubSessions>().OpenFor(id));
        await Assertions.Expect(bell).Not.ToHaveAttributeAsync("data-state", "connected");
        Assert.DoesNotContain("Rahasia setelah dinonaktifkan", await page.ContentAsync());
        Assert.Equal("1", await page.Locator("[data-unread-count]").TextContentAsync());
        // And a reload is a sign-in page, not the proposal.
        await page.ReloadAsync();
        Assert.Contains("/Account/Login", page.Url);
    }
}
