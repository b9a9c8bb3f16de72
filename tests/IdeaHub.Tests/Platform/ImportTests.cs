using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IdeaHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class ImportTests(IdeaHubApp app)
{
    private static readonly string[] OpdCodes = ["dinkes", "disdik", "dpmptsp", "dispar", "dukcapil", "rsud", "pupr", "dinsos"];

    internal static string UsersCsv(string prefix, int count)
    {
        var sb = new StringBuilder("user_name,full_name,role,opd_code,nip,email\n");
        for (var i = 1; i <= count; i++)
            sb.Append($"{prefix}.{i},\"Pegawai {i}, S.Kom.\",{(i % 50 == 0 ? "KepalaOpd" : "Asn")},{OpdCodes[i % OpdCodes.Length]},{199001012020011000 + i},{prefix}{i}@tegalkab.go.id\n");
        return sb.ToString();
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private Task<int> CountAsync(string prefix) => app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName!.StartsWith(prefix + ".")));

    [Fact]
    public async Task Five_thousand_users_are_imported_and_can_activate_their_accounts()
    {
        using var admin = await app.ClientAsAsync("admin");
        var res = await admin.PostAsync("/api/admin/import/users", Csv(UsersCsv("imp", 5000)));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var body = await res.JsonAsync();
        Assert.Equal(5000, body.GetProperty("imported").GetInt32());
        Assert.Equal(5000, await CountAsync("imp"));
        var first = body.GetProperty("activationCodes")[0];
        Assert.Equal("imp.1", first.GetProperty("userName").GetString());
        Assert.Equal(2, first.GetProperty("row").GetInt32());

        // No password until activation: sign-in fails, the code sets one, then sign-in works.
        var denied = await app.CreateClient().PostAsync("/api/auth/token", new StringContent("{\"userName\":\"imp.1\",\"password\":\"IdeaHub#2026\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        using var anon = app.CreateClient(new() { AllowAutoRedirect = false });
        var wrong = await anon.PostFormAsync("/Account/Activate", "/Account/Activate",
            new() { ["userName"] = "imp.1", ["code"] = "AAAA-AAAA-AAAA-AAAA-AAAA", ["password"] = "Baru#Sekali2026", ["confirm"] = "Baru#Sekali2026" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var ok = await anon.PostFormAsync("/Account/Activate", "/Account/Activate", new()
        {
            ["userName"] = "imp.1", ["code"] = first.GetProperty("activationCode").GetString()!.ToLowerInvariant(),
            ["password"] = "Baru#Sekali2026", ["confirm"] = "Baru#Sekali2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using var activated = await app.ClientAsAsync("imp.1", "Baru#Sekali2026");
        var reused = await anon.PostFormAsync("/Account/Activate", "/Account/Activate", new()
        {
            ["userName"] = "imp.1", ["code"] = first.GetProperty("activationCode").GetString()!, ["password"] = "Lagi#Sekali2026", ["confirm"] = "Lagi#Sekali2026",
        });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
    }

    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_names_each_row_and_column()
    {
        using var admin = await app.ClientAsAsync("admin");
        var lines = UsersCsv("bad", 3000).Split('\n').ToList();
        lines[10] = "bad.9,Duplikat,Asn,dinkes,,";            // row 11 repeats row 10's user name
        lines[100] = "bad.100,Salah Peran,Raja,dinkes,,";     // row 101
        lines[2000] = "bad.2000,Tanpa OPD,Asn,,,";            // row 2001
        lines[2500] = "bad.2500,OPD Lain,Asn,tidak-ada,,";    // row 2501
        var res = await admin.PostAsync("/api/admin/import/users", Csv(string.Join('\n', lines)));

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.JsonAsync()).GetProperty("rowErrors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(11, "user_name"), (101, "role"), (2001, "opd_code"), (2501, "opd_code")], errors);
        Assert.Equal(0, await CountAsync("bad"));
    }

    [Fact]
    public async Task Header_problems_and_semicolon_files()
    {
        using var admin = await app.ClientAsAsync("admin");
        var missing = await (await admin.PostAsync("/api/admin/import/users", Csv("user_name,role\nx.y,Asn\n"))).JsonAsync();
        Assert.Contains(missing.GetProperty("rowErrors").EnumerateArray(), e => e.GetProperty("column").GetString() == "full_name" && e.GetProperty("row").GetInt32() == 1);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/admin/import/users", Csv(""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/admin/import/proposals", Csv("a\n1"))).StatusCode);

        var res = await admin.PostAsync("/api/admin/import/opds", Csv("code;name\nbkpsdm;Badan Kepegawaian dan Pengembangan SDM\nsatpolpp;\"Satuan Polisi Pamong Praja; Damkar\"\n"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("Satuan Polisi Pamong Praja; Damkar", await app.WithDbAsync(db => db.Opds.Where(o => o.Code == "satpolpp").Select(o => o.Name).SingleAsync()));

        var again = await (await admin.PostAsync("/api/admin/import/opds", Csv("code,name\nbkpsdm,Lagi\nbaru-1,Baru\nbaru-1,Dobel\n"))).JsonAsync();
        Assert.Equal([2, 4], again.GetProperty("rowErrors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()).ToArray());
        Assert.False(await app.WithDbAsync(db => db.Opds.AnyAsync(o => o.Code == "baru-1")));
    }

    [Fact]
    public async Task Upload_page_shows_row_errors_and_imports_nothing()
    {
        using var browser = await app.BrowserAsAsync("admin");
        var token = await browser.FormTokenAsync("/admin/import");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("user_name,full_name,role,opd_code\npage.1,Satu,Asn,dinkes\npage.2,,Asn,dinkes\n")) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "users.csv" },
        };
        var res = await browser.PostAsync("/admin/import?handler=Users", form);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"import-errors\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>3</td><td>full_name</td>", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("page"));

        var noFile = await browser.PostFormAsync("/admin/import", "/admin/import?handler=Opds", new());
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("Pilih berkas CSV.", await noFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
