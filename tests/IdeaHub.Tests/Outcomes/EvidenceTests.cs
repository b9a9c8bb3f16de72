using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Evidence;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Outcomes;

/// <summary>The app with a 64 KiB evidence limit, so an oversized upload is cheap.</summary>
public sealed class EvidenceApp : IdeaHubApp
{
    public EvidenceApp() => With("IdeaHub:Evidence:MaxBytes", "65536");
}

internal static class EvidenceFiles
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    public static readonly byte[] Exe = [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF];

    public static byte[] Zip(params string[] entries)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
            foreach (var e in entries)
                using (var w = new StreamWriter(zip.CreateEntry(e).Open())) w.Write("<x/>");
        return ms.ToArray();
    }

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid proposal, string name, byte[] content, string? period = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        if (period is not null) form.Add(new StringContent(period), "period");
        return await client.PostAsync($"/api/proposals/{proposal}/evidence", form);
    }
}

public sealed class EvidenceSnifferTests
{
    [Theory]
    [InlineData("a.pdf", "pdf", null)]
    [InlineData("a.PNG", "png", null)]
    [InlineData("laporan.pdf", "exe", "Evidence.Executable")]
    [InlineData("setup.exe", "exe", "Evidence.Executable")]
    [InlineData("bukti.pdf", "html", "Evidence.Html")]
    [InlineData("bukti.html", "html", "Evidence.Html")]
    [InlineData("bukti.png", "pdf", "Evidence.Mismatch")]
    [InlineData("bukti.txt", "pdf", "Evidence.Type")]
    [InlineData("rekap.xlsx", "xlsx", null)]
    [InlineData("rekap.docx", "xlsx", "Evidence.Mismatch")]
    [InlineData("kosong.pdf", "empty", "Evidence.Empty")]
    public void Content_decides_not_the_name(string name, string content, string? error)
    {
        var bytes = content switch
        {
            "pdf" => EvidenceFiles.Pdf, "png" => EvidenceFiles.Png, "exe" => EvidenceFiles.Exe, "empty" => [],
            "html" => Encoding.UTF8.GetBytes("\uFEFF  <!DOCTYPE html><script>alert(1)</script>"),
            _ => EvidenceFiles.Zip("[Content_Types].xml", "xl/workbook.xml"),
        };
        Assert.Equal(error, EvidenceSniffer.Check(name, bytes, 1024).Error);
    }

    [Fact]
    public void Names_lose_folders_and_control_characters() =>
        Assert.Equal("laporan.pdf", EvidenceSniffer.SafeName("..\\..\\C:\\x/lap\u0000oran.pdf"));
}

public sealed class EvidenceTests(EvidenceApp app) : IClassFixture<EvidenceApp>
{
    private Task<int> FilesAsync(Guid proposal) => app.WithDbAsync(db => db.Set<EvidenceFile>().CountAsync(e => e.ProposalId == proposal));

    [Fact]
    public async Task A_pdf_is_stored_and_served_as_an_attachment_to_whoever_sees_the_proposal()
    {
        var p = await OutcomeTestData.InnovationAsync(app, "asn.dispar");
        using var author = await app.ClientAsAsync("asn.dispar");
        var res = await author.UploadAsync(p.Id, "laporan oktober.pdf", EvidenceFiles.Pdf, OutcomeTestData.ThisMonth);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var id = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var reader in new[] { "kepala.dispar", "reviewer", "bupati", "asn.dinkes" })
        {
            using var client = await app.ClientAsAsync(reader);
            var file = await client.GetAsync($"/api/evidence/{id}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(EvidenceFiles.Pdf, await file.Content.ReadAsByteArrayAsync());
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/proposals/{p.Id}/evidence");
            Assert.Equal(OutcomeTestData.ThisMonth, list[0].GetProperty("period").GetString());
        }
        using var otherPemkab = await app.ClientAsAsync("kepala.bintan.dinkes");
        Assert.Equal(HttpStatusCode.NotFound, (await otherPemkab.GetAsync($"/api/evidence/{id}")).StatusCode);
    }

    [Fact]
    public async Task Png_may_show_inline_office_files_download()
    {
        var p = await OutcomeTestData.InnovationAsync(app, "asn.dinkes");
        using var author = await app.ClientAsAsync("asn.dinkes");
        var png = await (await author.UploadAsync(p.Id, "foto.png", EvidenceFiles.Png)).Content.ReadFromJsonAsync<JsonElement>();
        var xlsx = await author.UploadAsync(p.Id, "rekap.xlsx", EvidenceFiles.Zip("[Content_Types].xml", "xl/workbook.xml"));
        Assert.Equal(HttpStatusCode.Created, xlsx.StatusCode);
        var shown = await author.GetAsync($"/api/evidence/{png.GetProperty("id").GetGuid()}");
        Assert.Equal("image/png", shown.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", shown.Content.Headers.ContentDisposition!.DispositionType);
        var sheet = await author.GetAsync(xlsx.Headers.Location!.ToString());
        Assert.Equal("attachment", sheet.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task Bad_files_are_refused_in_Indonesian_and_nothing_is_stored()
    {
        var p = await OutcomeTestData.InnovationAsync(app, "asn.disdik");
        using var author = await app.ClientAsAsync("asn.disdik");
        var cases = new (string Name, byte[] Content, string Message)[]
        {
            ("laporan.pdf", EvidenceFiles.Exe, "Berkas program"),
            ("bukti.html", Encoding.UTF8.GetBytes("<html><body><script>alert(1)</script></body></html>"), "Halaman web"),
            ("bukti.pdf", Encoding.UTF8.GetBytes("<svg onload=alert(1)>"), "Halaman web"),
            ("kosong.pdf", [], "Berkas kosong"),
            ("besar.pdf", [.. EvidenceFiles.Pdf, .. new byte[65536]], "terlalu besar"),
            ("catatan.txt", Encoding.UTF8.GetBytes("teks biasa"), "Jenis berkas tidak diterima"),
            ("foto.png", EvidenceFiles.Pdf, "tidak sesuai"),
        };
        foreach (var (name, content, message) in cases)
        {
            var res = await author.UploadAsync(p.Id, name, content);
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            Assert.Contains(message, await res.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, await FilesAsync(p.Id));
    }

    [Fact]
    public async Task Only_the_team_attaches_and_a_draft_s_evidence_stays_with_its_team()
    {
        var running = await OutcomeTestData.InnovationAsync(app, "asn.dukcapil");
        foreach (var other in new[] { "kepala.dukcapil", "reviewer", "asn.dinkes" })
        {
            using var client = await app.ClientAsAsync(other);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.UploadAsync(running.Id, "a.pdf", EvidenceFiles.Pdf)).StatusCode);
        }
        var inReview = await OutcomeTestData.InnovationAsync(app, "asn.dukcapil", ProposalStatus.InReview);
        using var author = await app.ClientAsAsync("asn.dukcapil");
        Assert.Equal(HttpStatusCode.Forbidden, (await author.UploadAsync(inReview.Id, "a.pdf", EvidenceFiles.Pdf)).StatusCode);

        var draft = await OutcomeTestData.InnovationAsync(app, "asn.dukcapil", ProposalStatus.Draft);
        var created = await author.UploadAsync(draft.Id, "rancangan.pdf", EvidenceFiles.Pdf);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var head = await app.ClientAsAsync("kepala.dukcapil");
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync(created.Headers.Location!.ToString())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.DeleteAsync(created.Headers.Location!.ToString())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync(created.Headers.Location!.ToString())).StatusCode);
        Assert.Equal(0, await FilesAsync(running.Id) + await FilesAsync(inReview.Id) + await FilesAsync(draft.Id));
    }
}
