using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Tests.Outcomes;

public sealed class NationalIndexExportTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private static string SheetText(byte[] xlsx, int sheet)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var entry = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).OrderBy(e => e.FullName).ElementAt(sheet);
        using var r = new StreamReader(entry.Open());
        return r.ReadToEnd();
    }

    [Fact]
    public async Task The_year_s_running_innovations_with_realisations_and_evidence_as_xlsx_and_zip()
    {
        var year = DateTime.UtcNow.Year;
        var p = await OutcomeTestData.InnovationAsync(app, "asn.dispar", title: "Ekspor wisata desa");
        await OutcomeTestData.InnovationAsync(app, "asn.dispar", ProposalStatus.Draft, title: "Ekspor draf rahasia");
        await OutcomeTestData.InnovationAsync(app, "asn.bintan.dinkes", pemkab: "kab-bintan", title: "Ekspor Bintan");
        using (var author = await app.ClientAsAsync("asn.dispar"))
        {
            (await author.PutAsJsonAsync($"/api/proposals/{p.Id}/outcomes/{OutcomeTestData.ThisMonth}",
                new { values = new[] { new { indicatorId = p.Visitors, value = 1750.5m, note = "Libur sekolah" } } })).EnsureSuccessStatusCode();
            Assert.Equal(HttpStatusCode.Created, (await author.UploadAsync(p.Id, "laporan.pdf", EvidenceFiles.Pdf, OutcomeTestData.ThisMonth)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync($"/api/export/national-index/{year}.xlsx")).StatusCode);
        }

        using var reviewer = await app.ClientAsAsync("reviewer");
        var xlsx = await reviewer.GetByteArrayAsync($"/api/export/national-index/{year}.xlsx");
        var profile = SheetText(xlsx, 0);
        Assert.Contains("Ekspor wisata desa", profile);
        Assert.DoesNotContain("Ekspor draf rahasia", profile);
        Assert.DoesNotContain("Ekspor Bintan", profile);
        Assert.Contains("1750.5", SheetText(xlsx, 2));
        Assert.Contains("laporan.pdf", SheetText(xlsx, 3));

        var zipBytes = await reviewer.GetByteArrayAsync($"/api/export/national-index/{year}.zip");
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        Assert.NotNull(zip.GetEntry($"indeks-inovasi-{year}.xlsx"));
        var pdf = Assert.Single(zip.Entries, e => e.FullName.StartsWith("evidence/", StringComparison.Ordinal));
        Assert.EndsWith("-laporan.pdf", pdf.FullName);
        using var ms = new MemoryStream();
        pdf.Open().CopyTo(ms);
        Assert.Equal(EvidenceFiles.Pdf, ms.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.GetAsync("/api/export/national-index/1999.xlsx")).StatusCode);
    }
}
