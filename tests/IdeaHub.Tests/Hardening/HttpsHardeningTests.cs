using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Platform;

namespace IdeaHub.Tests.Hardening;

/// <summary>#11.14: CSP and nosniff, hub Origin check for cookie connections, refresh tokens that work and end.</summary>
[Collection(PlatformCollection.Name)]
public sealed class HttpsHardeningTests(IdeaHubApp app)
{
    [Fact]
    public async Task Every_page_carries_a_csp_without_inline_script_and_nosniff()
    {
        using var client = app.CreateClient();
        foreach (var url in new[] { "/Account/Login", "/api/auth/token", "/health/live" })
        {
            var res = await client.GetAsync(url);
            var csp = res.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
        }
        using var browser = await app.BrowserAsAsync("reviewer");
        var html = await browser.GetStringAsync("/review");
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotMatch(" on(change|click|submit|load)=\"", html);
    }

    [Fact]
    public async Task A_cookie_hub_connection_from_another_site_is_refused()
    {
        using var browser = await app.BrowserAsAsync("asn.dinkes");
        async Task<HttpStatusCode> Negotiate(HttpClient c, string origin)
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/hubs/feedback/negotiate?negotiateVersion=1");
            req.Headers.Add("Origin", origin);
            return (await c.SendAsync(req)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.Forbidden, await Negotiate(browser, "https://evil.example"));
        Assert.Equal(HttpStatusCode.OK, await Negotiate(browser, "http://localhost"));
        using var token = await app.ClientAsAsync("asn.dinkes");
        Assert.Equal(HttpStatusCode.OK, await Negotiate(token, "https://evil.example"));
    }

    [Fact]
    public async Task The_refresh_token_is_accepted_until_the_session_ends()
    {
        using var client = app.CreateClient();
        async Task<JsonElement> Token(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonElement>());
        var first = await Token(await client.PostAsJsonAsync("/api/auth/token", new { userName = "asn.dukcapil", password = IdeaHubApp.Password }));
        var refresh = first.GetProperty("refreshToken").GetString();
        var renewed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var access = (await Token(renewed)).GetProperty("accessToken").GetString();
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api/notifications");
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(req)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "bukan-token" })).StatusCode);

        using var admin = await app.ClientAsAsync("admin");
        (await admin.PostAsJsonAsync($"/api/admin/users/{await app.UserIdAsync("asn.dukcapil")}/password", new { password = (string?)null })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);
    }
}

/// <summary>Behind the documented TLS proxy (X-Forwarded-Proto from loopback): Secure cookies and HSTS.</summary>
public sealed class TlsProxyTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    private HttpRequestMessage Through(HttpMethod method, string url, bool https)
    {
        var req = new HttpRequestMessage(method, app.BaseUrl + url);
        req.Headers.Host = "ideahub.example";
        if (https) req.Headers.Add("X-Forwarded-Proto", "https");
        return req;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cookies_are_secure_and_hsts_is_sent_over_https_only(bool https)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var page = await client.SendAsync(Through(HttpMethod.Get, "/Account/Login", https));
        Assert.Equal(https, page.Headers.Contains("Strict-Transport-Security"));
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Equal(https, antiforgery.Contains("secure", StringComparison.OrdinalIgnoreCase));

        var html = await page.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        var login = Through(HttpMethod.Post, "/Account/Login", https);
        login.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        login.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "bupati", ["Password"] = IdeaHubApp.Password, ["__RequestVerificationToken"] = token,
        });
        var res = await client.SendAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var auth = res.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ideahub.auth=", StringComparison.Ordinal));
        Assert.Equal(https, auth.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
    }
}
