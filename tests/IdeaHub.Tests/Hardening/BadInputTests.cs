using System.Net;
using System.Net.Http.Json;
using System.Text;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Platform;
using IdeaHub.Tests.Proposals;

namespace IdeaHub.Tests.Hardening;

/// <summary>#11.13: the four observed 5xx on bad input, each now a 400 (or a safe redirect).</summary>
[Collection(PlatformCollection.Name)]
public sealed class BadInputTests(IdeaHubApp app)
{
    [Fact]
    public async Task Nul_in_a_title_or_a_comment_is_a_400_in_Indonesian()
    {
        using var asn = await app.ClientAsAsync("asn.dinkes");
        var res = await asn.PostAsJsonAsync("/api/proposals", ProposalClient.Input(ProposalClient.Good with { Title = "Judul\u0000rusak" }));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("NUL", await res.Content.ReadAsStringAsync());

        var p = await asn.CreateAsync();
        var comment = await asn.PostAsJsonAsync($"/api/proposals/{p.Id}/comments", new { body = "a\u0000b" });
        Assert.Equal(HttpStatusCode.BadRequest, comment.StatusCode);
        // An escaped backslash followed by "u0000" is ordinary text, not NUL.
        var text = new StringContent("{\"title\":\"C:\\\\u0000 folder\"}", Encoding.UTF8, "application/json");
        Assert.NotEqual(HttpStatusCode.InternalServerError, (await asn.PostAsync("/api/proposals", text)).StatusCode);
    }

    [Fact]
    public async Task Nul_in_a_csv_cell_is_a_400()
    {
        using var admin = await app.ClientAsAsync("admin");
        var csv = new StringContent("code,name\nnul1,Dinas\u0000Nol\n", Encoding.UTF8, "text/csv");
        var res = await admin.PostAsync("/api/admin/import/opds", csv);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("NUL", await res.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("1e17")]
    [InlineData("-1e17")]
    [InlineData("10000000000000000")]
    public async Task An_indicator_value_beyond_numeric_20_4_is_a_400(string value)
    {
        using var asn = await app.ClientAsAsync("asn.dinkes");
        var body = $"{{\"title\":\"Angka besar\",\"indicators\":[{{\"name\":\"n\",\"unit\":\"u\",\"baseline\":{value},\"target\":1}}]}}";
        var res = await asn.PostAsync("/api/proposals", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var largest = body.Replace(value, "9999999999999999.9999", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await asn.PostAsync("/api/proposals", new StringContent(largest, Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Theory]
    [InlineData("page=2147483647", HttpStatusCode.BadRequest)]
    [InlineData("page=0", HttpStatusCode.BadRequest)]
    [InlineData("pageSize=201", HttpStatusCode.BadRequest)]
    [InlineData("page=100000&pageSize=200", HttpStatusCode.OK)]
    public async Task User_paging_has_documented_bounds(string query, HttpStatusCode expected)
    {
        using var admin = await app.ClientAsAsync("admin");
        Assert.Equal(expected, (await admin.GetAsync("/api/admin/users?" + query)).StatusCode);
        using var browser = await app.BrowserAsAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/users?p=2147483647")).StatusCode);
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("\\\\evil.example")]
    public async Task Culture_switch_never_redirects_off_site(string returnUrl)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var res = await client.PostFormAsync("/Account/Login", "/culture", new() { ["culture"] = "en", ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal("/", res.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Culture_switch_keeps_a_local_return_url()
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var res = await client.PostFormAsync("/Account/Login", "/culture", new() { ["culture"] = "en", ["returnUrl"] = "/proposals?x=1" });
        Assert.Equal("/proposals?x=1", res.Headers.Location!.OriginalString);
    }
}
