using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Proposals;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Proposals;

/// <summary>
/// Issue 11.9: a save carries the version its text was based on. A stale device's autosave is a conflict the author
/// sees, never a silent overwrite of newer text, and both texts are kept (the newer one as a revision).
/// </summary>
public sealed class EditConflictTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task A_stale_autosave_is_refused_with_what_changed_and_the_newer_text_stays_a_revision()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync();
        var laptop = ProposalClient.Good with { Problem = "Teks terbaru dari laptop: antrean 90 menit." };
        var v2 = await Put(asn, p.Id, laptop, p.Version, "autosave");

        // The phone's text was written on top of the first version.
        var phone = ProposalClient.Good with { Problem = "Teks lama dari ponsel." };
        var res = await asn.PutAsJsonAsync($"/api/proposals/{p.Id}", ProposalClient.Input(phone, p.Version, "autosave"));
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        var problem = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(v2.Version, problem.GetProperty("currentVersion").GetUInt32());
        Assert.Equal(v2.RevisionNumber, problem.GetProperty("currentRevision").GetInt32());
        Assert.Equal(["problem"], problem.GetProperty("changedFields").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(laptop.Problem, (await asn.GetProposalAsync(p.Id)).Content.Problem);

        // The author chooses to put the phone's text on top: a new revision, the laptop's text stays the one before it.
        var v3 = await Put(asn, p.Id, phone, problem.GetProperty("currentVersion").GetUInt32(), "manual");
        Assert.Equal(v2.RevisionNumber + 1, v3.RevisionNumber);
        Assert.Contains(laptop.Problem, await RevisionTextAsync(asn, p.Id, v2.RevisionNumber));
        Assert.Contains(phone.Problem, await RevisionTextAsync(asn, p.Id, v3.RevisionNumber));

        // An autosave on top of that manual save is a revision of its own: the chosen text is never overwritten in place.
        var v4 = await Put(asn, p.Id, phone with { Goals = "Tujuan diperbarui." }, v3.Version, "autosave");
        Assert.Equal(v3.RevisionNumber + 1, v4.RevisionNumber);
    }

    [Fact]
    public async Task Editing_the_same_text_twice_from_a_stale_version_is_still_a_conflict_not_a_silent_success()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync();
        var newer = ProposalClient.Good with { Goals = "Tujuan versi baru." };
        await Put(asn, p.Id, newer, p.Version, "manual");
        var res = await asn.PutAsJsonAsync($"/api/proposals/{p.Id}", ProposalClient.Input(newer, p.Version, "autosave"));
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
    }

    private static async Task<string> RevisionTextAsync(HttpClient client, Guid id, int number) =>
        await client.GetStringAsync($"/api/proposals/{id}/revisions/{number}");

    private static async Task<ProposalDto> Put(HttpClient client, Guid id, ProposalSnapshot s, uint version, string source)
    {
        var res = await client.PutAsJsonAsync($"/api/proposals/{id}", ProposalClient.Input(s, version, source));
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        return (await res.Content.ReadFromJsonAsync<ProposalDto>(ProposalSnapshot.Json))!;
    }
}

/// <summary>Issue 11.9 in Chromium: a laptop and an offline phone edit the same draft; the phone's text comes back later.</summary>
public sealed class EditConflictBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_stale_devices_restored_backup_shows_the_conflict_and_both_texts_are_kept()
    {
        var laptop = await app.LoginAsync("asn.rsud");
        await laptop.GotoAsync("/proposals/new");
        await laptop.FillAsync("#title", "Rekam medis elektronik rawat jalan");
        await laptop.FillAsync("#problem", "Berkas rekam medis dicari rata-rata 25 menit per pasien.");
        await laptop.WaitForURLAsync("**/proposals/*/edit");
        await Assertions.Expect(laptop.Locator("[data-testid=autosave-status]")).ToContainTextAsync("Tersimpan");
        var id = laptop.Url.Split('/')[^2];

        // The phone opens the draft, then loses its connection while its owner types.
        var phone = await app.LoginAsync("asn.rsud");
        await phone.GotoAsync($"/proposals/{id}/edit");
        await phone.Context.SetOfflineAsync(true);
        await phone.FillAsync("#problem", "Teks dari ponsel: berkas dicari 40 menit di loket lama.");
        await Assertions.Expect(phone.Locator("[data-testid=autosave-status]")).ToContainTextAsync("Tidak tersambung");

        // Meanwhile the laptop saves newer text.
        await laptop.RunAndWaitForResponseAsync(
            () => laptop.FillAsync("#problem", "Teks terbaru dari laptop: berkas dicari 25 menit, 300 pasien per hari."),
            r => r.Request.Method == "PUT" && r.Url.Contains("/api/proposals/", StringComparison.Ordinal) && r.Status == 200,
            new() { Timeout = 20_000 });

        // Back online, the phone reopens the draft: its backup is restored and saved on the version it was written
        // from, so the author sees the conflict instead of silently replacing the laptop's text.
        await phone.Context.SetOfflineAsync(false);
        await phone.CloseAsync();
        phone = await phone.Context.NewPageAsync();
        await phone.GotoAsync($"/proposals/{id}/edit");
        var panel = phone.Locator("[data-testid=editor-conflict]");
        await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(panel.Locator("#conflict-fields")).ToHaveTextAsync("Permasalahan (dengan angka)");
        Assert.Contains("Teks dari ponsel", await phone.InputValueAsync("#problem"));
        var server = await ApiGetAsync(laptop, $"/api/proposals/{id}");
        Assert.Contains("Teks terbaru dari laptop", server.GetProperty("content").GetProperty("problem").GetString());

        // Nothing is autosaved while the conflict is open; the author keeps their text as a new revision.
        await phone.ClickAsync("#conflict-keep-mine");
        await phone.WaitForURLAsync($"**/proposals/{id}?saved=1");
        Assert.Contains("Teks dari ponsel", await phone.InnerTextAsync("p.prose[data-field=problem]"));
        var revisions = (await ApiGetAsync(laptop, $"/api/proposals/{id}/revisions")).EnumerateArray().Select(r => r.GetProperty("number").GetInt32()).ToList();
        var texts = new List<string>();
        foreach (var n in revisions) texts.Add((await ApiGetAsync(laptop, $"/api/proposals/{id}/revisions/{n}")).GetRawText());
        Assert.Contains(texts, t => t.Contains("Teks terbaru dari laptop", StringComparison.Ordinal));
        Assert.Contains("Teks dari ponsel", texts[0]);

        // The laptop, still on the older version, now meets the conflict too and may take the latest text instead.
        await laptop.FillAsync("#goals", "Waktu cari berkas turun.");
        await Assertions.Expect(laptop.Locator("[data-testid=editor-conflict]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await laptop.ClickAsync("#conflict-take-theirs");
        await laptop.WaitForURLAsync($"**/proposals/{id}/edit");
        await Assertions.Expect(laptop.Locator("[data-testid=editor-conflict]")).ToBeHiddenAsync();
        Assert.Contains("Teks dari ponsel", await laptop.InputValueAsync("#problem"));
        Assert.Equal("", await laptop.InputValueAsync("#goals"));
    }

    private static async Task<JsonElement> ApiGetAsync(IPage page, string path)
    {
        var res = await page.APIRequest.GetAsync(path);
        Assert.True(res.Ok, $"{path}: {res.Status}");
        return JsonDocument.Parse(await res.TextAsync()).RootElement;
    }
}
