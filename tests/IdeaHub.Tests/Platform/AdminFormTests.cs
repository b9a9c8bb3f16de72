using System.Net;
using IdeaHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Platform;

/// <summary>Every admin form posted like a browser (antiforgery token from the page): bad input is shown beside its field.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AdminFormTests(IdeaHubApp app)
{
    public static TheoryData<string, string, string> BadOpdForms => new()
    {
        { "", "Dinas Baru", "code" },
        { "Kode Salah", "Dinas Baru", "code" },
        { "dinkes", "Sudah Ada", "code" },
        { "baru", "", "name" },
        { "baru", new string('x', 201), "name" },
    };

    [Theory]
    [MemberData(nameof(BadOpdForms))]
    public async Task Bad_opd_form_shows_the_error_beside_the_field(string code, string name, string field)
    {
        using var browser = await app.BrowserAsAsync("admin");
        var res = await browser.PostFormAsync("/admin/opds/edit", "/admin/opds/edit", new() { ["code"] = code, ["name"] = name });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.NotNull(PlatformHttp.FieldError(await res.Content.ReadAsStringAsync(), field));
        Assert.False(await app.WithDbAsync(db => db.Opds.AnyAsync(o => o.Name == name && o.Code != "dinkes")));
    }

    public static TheoryData<Dictionary<string, string>, string> BadUserForms => new()
    {
        { new() { ["fullName"] = "Budi", ["role"] = "Asn" }, "userName" },
        { new() { ["userName"] = "Budi!", ["fullName"] = "Budi", ["role"] = "Bupati" }, "userName" },
        { new() { ["userName"] = "budi.form", ["fullName"] = "", ["role"] = "Bupati" }, "fullName" },
        { new() { ["userName"] = "budi.form", ["fullName"] = "Budi", ["role"] = "Sultan" }, "role" },
        { new() { ["userName"] = "budi.form", ["fullName"] = "Budi", ["role"] = "KepalaOpd", ["opdId"] = "" }, "opdId" },
        { new() { ["userName"] = "budi.form", ["fullName"] = "Budi", ["role"] = "Asn", ["opdId"] = Guid.NewGuid().ToString() }, "opdId" },
        { new() { ["userName"] = "budi.form", ["fullName"] = "Budi", ["role"] = "Bupati", ["nip"] = "abc" }, "nip" },
        { new() { ["userName"] = "budi.form", ["fullName"] = "Budi", ["role"] = "Bupati", ["email"] = "@@" }, "email" },
        { new() { ["userName"] = "budi.form", ["fullName"] = "Budi", ["role"] = "Bupati", ["password"] = "abc" }, "password" },
    };

    [Theory]
    [MemberData(nameof(BadUserForms))]
    public async Task Bad_user_form_shows_the_error_beside_the_field(Dictionary<string, string> fields, string field)
    {
        using var browser = await app.BrowserAsAsync("admin");
        var res = await browser.PostFormAsync("/admin/users/edit", "/admin/users/edit", fields);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.NotNull(PlatformHttp.FieldError(await res.Content.ReadAsStringAsync(), field));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "budi.form")));
    }

    [Fact]
    public async Task Errors_are_in_english_when_english_is_chosen()
    {
        using var browser = await app.BrowserAsAsync("admin");
        var res = await browser.PostFormAsync("/admin/opds/edit?culture=en", "/admin/opds/edit?culture=en", new() { ["code"] = "", ["name"] = "" });
        Assert.Equal("Required.", PlatformHttp.FieldError(await res.Content.ReadAsStringAsync(), "code"));
    }

    [Fact]
    public async Task Reset_password_and_edit_forms_validate_too()
    {
        using var browser = await app.BrowserAsAsync("admin");
        var id = await app.UserIdAsync("asn.rsud");
        var page = $"/admin/users/edit/{id}";
        var weak = await browser.PostFormAsync(page, page + "?handler=Password", new() { ["password"] = "lemah" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.NotNull(PlatformHttp.FieldError(await weak.Content.ReadAsStringAsync(), "password"));

        var edit = await browser.PostFormAsync(page, page, new() { ["fullName"] = "", ["role"] = "Asn", ["opdId"] = "" });
        var html = await edit.Content.ReadAsStringAsync();
        Assert.NotNull(PlatformHttp.FieldError(html, "fullName"));
        Assert.NotNull(PlatformHttp.FieldError(html, "opdId"));

        var generated = await browser.PostFormAsync(page, page + "?handler=Password", new() { ["password"] = "" });
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        Assert.Contains("data-testid=\"generated-password\"", await generated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activation_form_validates()
    {
        using var anon = app.CreateClient(new() { AllowAutoRedirect = false });
        var res = await anon.PostFormAsync("/Account/Activate", "/Account/Activate", new() { ["userName"] = "", ["code"] = "", ["password"] = "A#1aaaaaaaaa", ["confirm"] = "beda" });
        var html = await res.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.NotNull(PlatformHttp.FieldError(html, "userName"));
        Assert.NotNull(PlatformHttp.FieldError(html, "confirm"));
    }

    [Fact]
    public async Task Forms_without_the_antiforgery_token_are_rejected()
    {
        using var browser = await app.BrowserAsAsync("admin");
        var res = await browser.PostAsync("/admin/opds/edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "csrf", ["name"] = "CSRF" }));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Opds.AnyAsync(o => o.Code == "csrf")));
        var api = await browser.PostAsync("/api/admin/opds", new StringContent("{\"code\":\"csrf\",\"name\":\"CSRF\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
    }

    [Fact]
    public async Task Admin_creates_an_opd_and_a_user_through_the_forms()
    {
        using var browser = await app.BrowserAsAsync("admin");
        var created = await browser.PostFormAsync("/admin/opds/edit", "/admin/opds/edit", new() { ["code"] = "dpkp", ["name"] = "Dinas Perumahan dan Kawasan Permukiman" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var opd = await app.OpdIdAsync("dpkp");
        var user = await browser.PostFormAsync("/admin/users/edit", "/admin/users/edit", new()
        {
            ["userName"] = "asn.dpkp", ["fullName"] = "Yoga Pratama", ["role"] = "Asn", ["opdId"] = opd.ToString(), ["password"] = "Rumah#Layak2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, user.StatusCode);
        using var signedIn = await app.BrowserAsAsync("asn.dpkp", "Rumah#Layak2026");
        var list = await browser.GetStringAsync("/admin/users?q=yoga");
        Assert.Contains("asn.dpkp", list, StringComparison.Ordinal);
    }
}
