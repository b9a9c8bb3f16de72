using Microsoft.Playwright;

namespace IdeaHub.Tests.Proposals;

/// <summary>
/// The "done means" walk-through in Chromium: rough idea → draft, autosave survives a lost connection, checks,
/// a streamed critique (scripted model), accept one suggestion and reject another, submit; the OPD head sees it,
/// another OPD's ASN does not.
/// </summary>
public sealed class ProposalBrowserTests(ScriptedBrowserApp app) : IClassFixture<ScriptedBrowserApp>
{
    private const string Draft = """
        {"title":"Pendaftaran puskesmas lewat WhatsApp","urusan":"Kesehatan","problem":"Warga menunggu rata-rata 90 menit untuk mendaftar di puskesmas.",
         "design":"Warga mengirim pesan WhatsApp ke nomor puskesmas dan menerima nomor antrean serta perkiraan jam layanan.",
         "goals":"Waktu tunggu pendaftaran turun.","benefits":"Warga tidak menunggu lama.","results":"Layanan pendaftaran daring.",
         "indicators":[{"name":"Waktu tunggu pendaftaran puskesmas","unit":"menit","baseline":90,"target":20,"targetDate":"2031-06-30","reason":"-"}]}
        """;

    [Fact]
    public async Task Asn_drafts_from_an_idea_checks_runs_the_assistant_accepts_rejects_and_submits()
    {
        app.Chat.Respond = messages => messages.Any(m => m.Text.Contains("<ide>", StringComparison.Ordinal)) ? Draft : ScriptedChatClient.Critique();
        var page = await app.LoginAsync("asn.dinkes");

        await page.GotoAsync("/proposals");
        await page.FillAsync("#idea", "Antrean pendaftaran di puskesmas sangat panjang. Warga ingin mendaftar lewat WhatsApp supaya tidak menunggu berjam-jam.");
        await page.ClickAsync("#idea-form button[type=submit]");
        // The idea stays the ASN's: in Permasalahan and the title; the draft only fills empty fields and offers the rest.
        await Assertions.Expect(page.Locator("[data-testid=assistant-status]")).ToContainTextAsync("Kerangka siap", new() { Timeout = 30_000 });
        var id = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        Assert.Contains("Warga ingin mendaftar lewat WhatsApp", await page.InnerTextAsync("p.prose[data-field=problem]"));
        Assert.Contains("Warga mengirim pesan WhatsApp", await page.InnerTextAsync("p.prose[data-field=design]"));
        await Assertions.Expect(page.Locator("[data-testid=proposal-title]")).ToHaveTextAsync("Antrean pendaftaran di puskesmas sangat panjang");
        await Assertions.Expect(page.Locator("li.suggestion")).ToHaveCountAsync(2);
        await page.ClickAsync("li.suggestion:has-text('Nama inovasi') button[data-action=accept]");
        await Assertions.Expect(page.Locator("[data-testid=proposal-title]")).ToHaveTextAsync("Pendaftaran puskesmas lewat WhatsApp");
        await page.ClickAsync("li.suggestion:has-text('Permasalahan') button[data-action=accept]");
        await Assertions.Expect(page.Locator("p.prose[data-field=problem]")).ToContainTextAsync("rata-rata 90 menit");
        await page.GotoAsync($"/proposals/{id}/edit");
        Assert.Equal("Pendaftaran puskesmas lewat WhatsApp", await page.InputValueAsync("#title"));

        // Typing while the connection is down: kept in the browser, restored and saved once the connection is back.
        await page.Context.SetOfflineAsync(true);
        await page.FillAsync("#results", "Layanan pendaftaran daring di 12 puskesmas, diketik saat koneksi putus.");
        await Assertions.Expect(page.Locator("[data-testid=autosave-status]")).ToContainTextAsync("Tidak tersambung");
        await page.Context.SetOfflineAsync(false);
        await page.CloseAsync();
        page = await page.Context.NewPageAsync();
        await page.GotoAsync($"/proposals/{id}/edit");
        await Assertions.Expect(page.Locator("#editor-restored")).ToBeVisibleAsync();
        Assert.Contains("diketik saat koneksi putus", await page.InputValueAsync("#results"));
        await Assertions.Expect(page.Locator("[data-testid=autosave-status]")).ToContainTextAsync("Tersimpan");

        await page.GotoAsync($"/proposals/{id}");
        Assert.Contains("diketik saat koneksi putus", await page.InnerTextAsync("p.prose[data-field=results]"));
        await page.ClickAsync("#run-checks");
        await Assertions.Expect(page.Locator("[data-testid=check-results] li").First).ToBeVisibleAsync();
        Assert.Contains("Rancang bangun", await page.InnerTextAsync("[data-testid=check-results]"));

        await page.ClickAsync("#run-assistant");
        await Assertions.Expect(page.Locator("#cancel-assistant")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=assistant-status]")).ToHaveTextAsync("Asisten sedang menulis…");
        await Assertions.Expect(page.Locator("[data-testid=assistant-stream]")).ToContainTextAsync("\"summary\"");
        await Assertions.Expect(page.Locator("li.suggestion")).ToHaveCountAsync(3, new() { Timeout = 20_000 });

        await page.ClickAsync("li.suggestion:has-text('Tujuan') button[data-action=accept]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("p.prose[data-field=goals]")).ToContainTextAsync("dari 95 menjadi 30 menit");
        await Assertions.Expect(page.Locator("li.suggestion")).ToHaveCountAsync(3);
        await page.ClickAsync("li.suggestion:has-text('Manfaat') button[data-action=reject]");
        await Assertions.Expect(page.Locator("li.suggestion:has-text('Manfaat') .state")).ToHaveTextAsync("Ditolak");
        Assert.DoesNotContain("65 menit", await page.InnerTextAsync("p.prose[data-field=benefits]"));
        Assert.Contains("dari asisten AI", await page.InnerTextAsync("[data-testid=revision-list]"));

        await page.ClickAsync("button[data-action=submit]");
        await Assertions.Expect(page.Locator("[data-testid=proposal-status]")).ToHaveTextAsync("Diajukan");

        var kepala = await app.LoginAsync("kepala.dinkes");
        await kepala.GotoAsync("/proposals");
        await kepala.ClickAsync("main a:has-text('Pendaftaran puskesmas lewat WhatsApp')");
        await Assertions.Expect(kepala.Locator("[data-testid=proposal-status]")).ToHaveTextAsync("Diajukan");
        await Assertions.Expect(kepala.Locator("button[data-action=endorse]")).ToBeVisibleAsync();

        var other = await app.LoginAsync("asn.disdik");
        await other.GotoAsync("/proposals");
        Assert.DoesNotContain("Pendaftaran puskesmas lewat WhatsApp", await other.ContentAsync());
        var direct = await other.GotoAsync($"/proposals/{id}");
        Assert.Equal(404, direct!.Status);
    }
}
