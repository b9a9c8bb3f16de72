using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Platform;
using IdeaHub.Tests.Realtime;
using IdeaHub.Web.Organisation;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Hardening;

/// <summary>
/// #11.4: deactivation, password reset and a role or OPD change close the user's open hub connections (feedback and
/// assistant) at once. #11.5: a change of role or OPD ends old bearer tokens and cookies.
/// </summary>
public sealed class SessionEndTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private async Task<SignalRTestClient> HubAsync(HttpClient http, string path)
    {
        var ws = app.Server.CreateWebSocketClient();
        return await SignalRTestClient.ConnectAsync(http, path, (uri, ct) => ws.ConnectAsync(uri, ct));
    }

    private async Task<JsonElement> UserAsync(HttpClient admin, string userName) =>
        await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{await app.UserIdAsync(userName)}");

    private async Task<HttpResponseMessage> ChangeAsync(HttpClient admin, string userName, string? role = null, string? opd = null)
    {
        var u = await UserAsync(admin, userName);
        var opdId = opd is null ? u.GetProperty("opdId").GetGuid() : await app.OpdIdAsync(opd);
        return await admin.PutAsJsonAsync($"/api/admin/users/{u.GetProperty("id").GetGuid()}", new
        {
            userName, fullName = u.GetProperty("fullName").GetString(), role = role ?? u.GetProperty("role").GetString(), opdId = opdId.ToString(),
        });
    }

    [Theory]
    [InlineData("asn.dinsos", "deactivate")]
    [InlineData("asn.dishub", "password")]
    [InlineData("asn.diskominfo", "role")]
    [InlineData("asn.dispar", "opd")]
    public async Task Ending_a_session_closes_both_hubs_of_the_user_at_once(string userName, string change)
    {
        using var user = await app.ClientAsAsync(userName);
        await using var feedback = await HubAsync(user, "/hubs/feedback");
        await using var assistant = await HubAsync(user, "/hubs/assistant");
        using var bystander = await app.ClientAsAsync("asn.rsud");
        await using var other = await HubAsync(bystander, "/hubs/feedback");
        await feedback.InvokeAsync("GetMissedSince", 0L);
        var id = await app.UserIdAsync(userName);
        Assert.Equal(2, app.Services.GetRequiredService<HubSessions>().OpenFor(id));

        using var admin = await app.ClientAsAsync("admin");
        var res = change switch
        {
            "deactivate" => await admin.PostAsync($"/api/admin/users/{id}/deactivate", null),
            "password" => await admin.PostAsJsonAsync($"/api/admin/users/{id}/password", new { password = (string?)null }),
            "role" => await ChangeAsync(admin, userName, role: Roles.Reviewer),
            _ => await ChangeAsync(admin, userName, opd: "dukcapil"),
        };
        res.EnsureSuccessStatusCode();

        await feedback.Closed.WaitAsync(Wait);
        await assistant.Closed.WaitAsync(Wait);
        Assert.Equal(0, app.Services.GetRequiredService<HubSessions>().OpenFor(id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/notifications")).StatusCode);
        // Another user's connection is untouched.
        Assert.True(other.IsOpen);
        await other.InvokeAsync("GetUnreadCount");
    }

    [Fact]
    public async Task An_opd_move_ends_old_tokens_and_cookies_and_new_ones_carry_the_new_opd()
    {
        using var token = await app.ClientAsAsync("asn.disdik");
        using var cookie = await app.BrowserAsAsync("asn.disdik");
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/proposals")).StatusCode);

        using var admin = await app.ClientAsAsync("admin");
        (await ChangeAsync(admin, "asn.disdik", opd: "dinkes")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/notifications")).StatusCode);
        var page = await cookie.GetAsync("/proposals");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var fresh = await app.ClientAsAsync("asn.disdik");
        var me = await fresh.GetAsync("/api/notifications");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task A_change_saved_by_any_path_renews_the_stamp()
    {
        var before = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "asn.pupr").SecurityStamp));
        await app.WithDbAsync(async db =>
        {
            var u = db.Users.Single(u => u.UserName == "asn.pupr");
            u.OpdId = db.Opds.Single(o => o.Code == "dishub").Id;
            return await db.SaveChangesAsync();
        });
        var after = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "asn.pupr").SecurityStamp));
        Assert.NotEqual(before, after);
    }
}
