using IdeaHub.Tests.Infrastructure;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Duplicates;

/// <summary>Two ASNs of different OPDs draft the same idea in different words; the second sees the first while typing and before submitting.</summary>
public sealed class DuplicatesBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Second_author_sees_the_first_ones_draft_while_typing_and_at_the_compare_step()
    {
        // The first ASN's draft is saved through the API (the editor's /proposals/new route is not reachable yet).
        using var firstApi = await app.ClientAsAsync("asn.dinkes");
        var firstRes = await firstApi.PostAsJsonAsync("/api/proposals", new
        {
            title = "Antrean Online Puskesmas", urusan = "Kesehatan",
            problem = "Pasien puskesmas menunggu lama karena harus datang pagi untuk mengambil nomor antrean.",
            design = "Aplikasi antrean online di ponsel: pasien memilih poli dan jam kedatangan, lalu mendapat nomor antrean dan perkiraan waktu dilayani.",
        });
        firstRes.EnsureSuccessStatusCode();
        var firstId = (await firstRes.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var secondApi = await app.ClientAsAsync("asn.dukcapil");
        var created = await secondApi.PostAsJsonAsync("/api/proposals", new { title = "Draf baru" });
        created.EnsureSuccessStatusCode();
        var secondId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var second = await app.LoginAsync("asn.dukcapil");
        await second.GotoAsync($"/proposals/{secondId}/edit");
        await second.FillAsync("#title", "Ambil nomor berobat dari rumah");
        await second.Locator("#problem").PressSequentiallyAsync("Warga datang subuh ke puskesmas demi nomor antrean kecil; ", new() { Delay = 5 });
        await second.Locator("#design").PressSequentiallyAsync("pendaftaran online lewat ponsel, pasien memilih poli dan mendapat nomor antrean.", new() { Delay = 5 });

        // The background worker embeds the first draft; the live list (debounced) shows it without a reload.
        // The other OPD's draft is not the second author's to open (#11.7): it shows where it is and whom to ask, no title.
        var match = second.Locator($"[data-testid=similar-panel] .dup-match[data-proposal-id='{firstId}']");
        await match.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("Usulan serupa di Dinas Kesehatan", await match.TextContentAsync());
        Assert.Contains("hubungi Kepala OPD", await match.TextContentAsync());
        Assert.DoesNotContain("Antrean Online Puskesmas", await second.TextContentAsync("[data-testid=similar-panel]"));
        Assert.Contains("kemungkinan duplikat", await match.TextContentAsync());
        Assert.Contains("leksikal", await second.TextContentAsync("[data-testid=similar-panel] [data-dup-kind]"));

        await second.ClickAsync("#save-proposal");
        await second.WaitForURLAsync("**/proposals/*?saved=1", new() { Timeout = 30_000 });
        var compare = second.Locator($"[data-testid=similar-panel][data-mode=submit] .dup-match[data-proposal-id='{firstId}']");
        await compare.WaitForAsync(new() { Timeout = 30_000 });
        await compare.GetByRole(AriaRole.Button, new() { Name = "Ide saya berbeda" }).ClickAsync();
        await compare.Locator(".badge", new() { HasText = "✓" }).WaitForAsync();

        await second.Context.CloseAsync();
    }
}
