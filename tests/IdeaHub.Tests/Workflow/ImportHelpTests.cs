using System.Net;
using System.Text;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Workflow;

/// <summary>Issue 12.15: roles as the UI names them, a template to fill in, and error rows that show the bad value.</summary>
public sealed class ImportHelpTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Roles_may_be_written_as_the_ui_names_them_and_a_bad_value_is_shown_back()
    {
        using var admin = await app.ClientAsAsync("admin");
        var ok = await admin.PostAsync("/api/admin/import/users", Csv(
            "user_name;full_name;role;opd_code;nip;email\nhelp.a;Ani;ASN;dinkes;;\nhelp.b;Budi;Kepala OPD;rsud;;\nhelp.c;Citra;Tim Inovasi;;;\n"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var roles = await app.WithDbAsync(db => db.Users.Where(u => u.UserName!.StartsWith("help."))
            .OrderBy(u => u.UserName).Select(u => db.Roles.Single(r => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == r.Id)).Name)
            .ToListAsync());
        Assert.Equal(["Asn", "KepalaOpd", "Reviewer"], roles);

        var bad = await admin.PostAsync("/api/admin/import/users", Csv("user_name,full_name,role,opd_code,nip,email\nhelp.d,Dewi,Walikota,dinkes,,\n"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = (await bad.JsonAsync()).GetProperty("rowErrors")[0];
        Assert.Equal("role", error.GetProperty("column").GetString());
        Assert.Equal("Walikota", error.GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_import_page_offers_templates_that_import_as_they_are()
    {
        var browser = await app.ClientAsAsync("admin");
        var page = await browser.GetStringAsync("/admin/import");
        Assert.Contains("ASN, Kepala OPD, Tim Inovasi", page);
        Assert.DoesNotContain("Asn, KepalaOpd, Reviewer", page);
        var template = await browser.GetByteArrayAsync("/admin/import?handler=Template&kind=users");
        Assert.Equal([0xEF, 0xBB, 0xBF], template[..3]);
        var text = Encoding.UTF8.GetString(template[3..]);
        Assert.StartsWith("user_name;full_name;role;opd_code;nip;email", text);
        var imported = await browser.PostAsync("/api/admin/import/users", Csv(text));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
    }
}
