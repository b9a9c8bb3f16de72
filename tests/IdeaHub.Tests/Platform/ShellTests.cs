using System.Net;
using IdeaHub.Tests.Infrastructure;

namespace IdeaHub.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class ShellTests(IdeaHubApp app)
{
    [Fact]
    public async Task Health_and_openapi_answer_anonymously()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var doc = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/admin/import/{kind}", doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_routes_are_404_problems_for_signed_in_callers_and_401_for_anonymous_api_calls()
    {
        using var admin = await app.ClientAsAsync("admin");
        var res = await admin.GetAsync("/api/tidak-ada");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/users/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/tidak-ada")).StatusCode);
    }

    [Fact]
    public async Task Admin_pages_render_in_both_languages_with_labelled_fields()
    {
        using var browser = await app.BrowserAsAsync("admin");
        foreach (var page in new[] { "/admin", "/admin/opds", "/admin/opds/edit", "/admin/users", "/admin/users/edit", "/admin/import" })
        {
            var id = await browser.GetStringAsync(page);
            Assert.Contains("lang=\"id\"", id, StringComparison.Ordinal);
            Assert.Contains("name=\"viewport\"", id, StringComparison.Ordinal);
            foreach (System.Text.RegularExpressions.Match input in System.Text.RegularExpressions.Regex.Matches(id, "<(?:input|select|textarea) id=\"([^\"]+)\""))
                Assert.Contains($"for=\"{input.Groups[1].Value}\"", id, StringComparison.Ordinal);
        }
        Assert.Contains("Pengguna baru", await browser.GetStringAsync("/admin/users"), StringComparison.Ordinal);
        Assert.Contains("New user", await browser.GetStringAsync("/admin/users?culture=en"), StringComparison.Ordinal);
    }
}

/// <summary>Production starts without demo data: the first Pemkab and its admin come from configuration.</summary>
public sealed class BootstrapTests : IAsyncLifetime
{
    private readonly IdeaHubApp _app = new IdeaHubApp()
        .With("IdeaHub:Bootstrap:PemkabCode", "kota-batam").With("IdeaHub:Bootstrap:PemkabName", "Kota Batam")
        .With("IdeaHub:Bootstrap:Kind", "Kota").With("IdeaHub:Bootstrap:AdminUserName", "admin.batam")
        .With("IdeaHub:Bootstrap:AdminPassword", "Batam#Admin2026");

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_configured_first_admin_administers_an_empty_regency()
    {
        using var admin = await _app.ClientAsAsync("admin.batam", "Batam#Admin2026");
        var opds = await (await admin.GetAsync("/api/admin/opds")).JsonAsync();
        Assert.Equal(0, opds.GetArrayLength());
        var users = await (await admin.GetAsync("/api/admin/users")).JsonAsync();
        Assert.Equal(1, users.GetProperty("total").GetInt32());
    }
}
