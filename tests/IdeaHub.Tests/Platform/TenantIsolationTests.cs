using System.Net;
using System.Net.Http.Json;
using IdeaHub.Tests.Infrastructure;

namespace IdeaHub.Tests.Platform;

/// <summary>admin.bintan administers Kabupaten Bintan only: Kabupaten Tegal's OPDs and users are invisible and untouchable.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantIsolationTests(IdeaHubApp app)
{
    [Fact]
    public async Task Other_regency_admin_cannot_read_or_change_opds_through_the_api()
    {
        var tegalOpd = await app.OpdIdAsync("dishub");
        using var bintan = await app.ClientAsAsync("admin.bintan");

        var list = await (await bintan.GetAsync("/api/admin/opds")).JsonAsync();
        Assert.DoesNotContain(list.EnumerateArray(), o => o.GetProperty("id").GetGuid() == tegalOpd);
        Assert.Single(list.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.GetAsync($"/api/admin/opds/{tegalOpd}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.PutAsJsonAsync($"/api/admin/opds/{tegalOpd}", new { code = "dishub", name = "Diambil alih" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.PostAsync($"/api/admin/opds/{tegalOpd}/deactivate", null)).StatusCode);

        var opd = await app.WithDbAsync(db => Task.FromResult(db.Opds.Single(o => o.Id == tegalOpd)));
        Assert.Equal("Dinas Perhubungan", opd.Name);
        Assert.True(opd.IsActive);
    }

    [Fact]
    public async Task Other_regency_admin_cannot_read_or_change_users_through_the_api()
    {
        var tegalUser = await app.UserIdAsync("asn.dishub");
        using var bintan = await app.ClientAsAsync("admin.bintan");

        var found = await (await bintan.GetAsync("/api/admin/users?q=dishub")).JsonAsync();
        Assert.Equal(0, found.GetProperty("total").GetInt32());
        var all = await (await bintan.GetAsync("/api/admin/users?pageSize=200")).JsonAsync();
        Assert.All(all.GetProperty("items").EnumerateArray(), u => Assert.Contains("bintan", u.GetProperty("userName").GetString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.GetAsync($"/api/admin/users/{tegalUser}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.PutAsJsonAsync($"/api/admin/users/{tegalUser}", new { fullName = "X", role = "Admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.PostAsJsonAsync($"/api/admin/users/{tegalUser}/password", new { password = "Diambil#Alih2026" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.PostAsync($"/api/admin/users/{tegalUser}/deactivate", null)).StatusCode);

        // Still intact: the Tegal user signs in with the demo password.
        using var stillThere = await app.ClientAsAsync("asn.dishub");
    }

    [Fact]
    public async Task Other_regency_admin_cannot_put_a_user_into_a_foreign_opd()
    {
        var tegalOpd = await app.OpdIdAsync("dinkes");
        using var bintan = await app.ClientAsAsync("admin.bintan");
        var res = await bintan.PostAsJsonAsync("/api/admin/users",
            new { userName = "asn.bintan.menyusup", fullName = "Penyusup", role = "Asn", opdId = tegalOpd });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("opdId", out _));

        var tegalUser = await app.UserIdAsync("kepala.bintan.dinkes");
        var move = await bintan.PutAsJsonAsync($"/api/admin/users/{tegalUser}", new { fullName = "dr. Fitri Handayani", role = "KepalaOpd", opdId = tegalOpd });
        Assert.Equal(HttpStatusCode.BadRequest, move.StatusCode);
    }

    [Fact]
    public async Task Other_regency_admin_cannot_reach_foreign_rows_through_the_pages()
    {
        var tegalOpd = await app.OpdIdAsync("dispar");
        var tegalUser = await app.UserIdAsync("asn.dispar");
        using var bintan = await app.BrowserAsAsync("admin.bintan");

        Assert.Equal(HttpStatusCode.NotFound, (await bintan.GetAsync($"/admin/opds/edit/{tegalOpd}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.GetAsync($"/admin/users/edit/{tegalUser}")).StatusCode);
        var opdsHtml = await bintan.GetStringAsync("/admin/opds");
        Assert.DoesNotContain("Dinas Pariwisata", opdsHtml, StringComparison.Ordinal);
        var usersHtml = await bintan.GetStringAsync("/admin/users?q=dispar");
        Assert.DoesNotContain("asn.dispar", usersHtml, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await bintan.PostFormAsync("/admin/opds", $"/admin/opds?handler=Deactivate&id={tegalOpd}", new())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.PostFormAsync("/admin/users/edit", $"/admin/users/edit/{tegalUser}?handler=Deactivate", new())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.PostFormAsync("/admin/users/edit", $"/admin/users/edit/{tegalUser}?handler=Password", new() { ["password"] = "Diambil#Alih2026" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bintan.PostFormAsync("/admin/opds", $"/admin/opds/edit/{tegalOpd}", new() { ["code"] = "dispar", ["name"] = "X" })).StatusCode);

        using var stillThere = await app.ClientAsAsync("asn.dispar");
        Assert.True(await app.WithDbAsync(db => Task.FromResult(db.Opds.Single(o => o.Id == tegalOpd).IsActive)));
    }
}
