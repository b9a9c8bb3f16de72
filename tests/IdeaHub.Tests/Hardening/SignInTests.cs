using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Platform;

namespace IdeaHub.Tests.Hardening;

/// <summary>#11.12: no lock anyone can trigger, one answer for every failure, "dinonaktifkan" only with the right password.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SignInTests(IdeaHubApp app)
{
    private async Task<string> DeactivatedUserAsync()
    {
        using var admin = await app.ClientAsAsync("admin");
        var name = $"asn.off{Guid.NewGuid():N}"[..20];
        var created = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = name, fullName = "Pegawai Nonaktif", role = "Asn", opdId = (await app.OpdIdAsync("dinkes")).ToString(), password = IdeaHubApp.Password,
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.JsonAsync()).GetProperty("user").GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/admin/users/{id}/deactivate", null)).EnsureSuccessStatusCode();
        return name;
    }

    private static async Task<(HttpStatusCode, string)> TokenAsync(HttpClient client, string user, string password)
    {
        var res = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password });
        var body = await res.Content.ReadAsStringAsync();
        if (res.StatusCode != HttpStatusCode.OK)
        {
            var json = JsonDocument.Parse(body).RootElement;
            body = $"{json.GetProperty("title").GetString()}|{json.GetProperty("detail").GetString()}";
        }
        return (res.StatusCode, body);
    }

    [Fact]
    public async Task Unknown_user_wrong_password_and_deactivated_account_get_the_same_401()
    {
        var inactive = await DeactivatedUserAsync();
        using var client = app.CreateClient();
        var unknown = await TokenAsync(client, "tidak.ada.orangnya", "Salah#12345");
        var wrong = await TokenAsync(client, "asn.pupr", "Salah#12345");
        var deactivatedWrong = await TokenAsync(client, inactive, "Salah#12345");
        var deactivatedRight = await TokenAsync(client, inactive, IdeaHubApp.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Item1);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, deactivatedWrong);
        Assert.Equal(unknown, deactivatedRight);
    }

    [Fact]
    public async Task Many_wrong_passwords_never_lock_the_account()
    {
        using var client = app.CreateClient();
        for (var i = 0; i < 8; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, "asn.kec-slawi", $"Salah#{i}xxxxx")).Item1);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, "asn.kec-slawi", IdeaHubApp.Password)).Item1);
        using var browser = await app.BrowserAsAsync("asn.kec-slawi");
    }

    [Fact]
    public async Task Login_page_says_deactivated_only_with_the_right_password()
    {
        var inactive = await DeactivatedUserAsync();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var wrong = await client.PostFormAsync("/Account/Login", "/Account/Login", new() { ["UserName"] = inactive, ["Password"] = "Salah#12345" });
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.DoesNotContain("dinonaktifkan", wrongHtml);
        Assert.Contains("Nama pengguna atau kata sandi salah", wrongHtml);
        var right = await client.PostFormAsync("/Account/Login", "/Account/Login", new() { ["UserName"] = inactive, ["Password"] = IdeaHubApp.Password });
        Assert.Contains("dinonaktifkan", await right.Content.ReadAsStringAsync());
    }
}

/// <summary>The app with real sign-in limits: 3 attempts per user name, 6 per address.</summary>
public sealed class LimitedSignInApp : IdeaHubApp
{
    public LimitedSignInApp()
    {
        With("IdeaHub:SignIn:PerUserPermits", "3");
        With("IdeaHub:SignIn:PerIpPermits", "6");
    }
}

public sealed class SignInRateLimitTests(LimitedSignInApp app) : IClassFixture<LimitedSignInApp>
{
    [Fact]
    public async Task Attempts_are_limited_per_user_name_then_per_address_with_429_and_retry_after()
    {
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/token", new { userName = "asn.dinkes", password = "Salah#12345" })).StatusCode);
        var limited = await client.PostAsJsonAsync("/api/auth/token", new { userName = "ASN.DINKES", password = IdeaHubApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Another user name from the same address still gets through, until the address's own limit (6) is spent.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/token", new { userName = "asn.pupr", password = IdeaHubApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/token", new { userName = "tidak.ada", password = "x" })).StatusCode);
        var address = await client.PostAsJsonAsync("/api/auth/token", new { userName = "asn.kec-slawi", password = IdeaHubApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, address.StatusCode);
        Assert.NotNull(address.Headers.RetryAfter);
        // The login form shares the address's limit.
        var page = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "asn.kec-slawi", ["Password"] = "x" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }
}
