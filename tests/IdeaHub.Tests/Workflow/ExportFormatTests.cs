using System.Text;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Reviews;
using IdeaHub.Web.Rankings;

namespace IdeaHub.Tests.Workflow;

/// <summary>Issue 12.12: the CSV people open in Excel speaks their language, with ';' and a UTF-8 BOM.</summary>
public sealed class ExportFormatTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task Excel_csv_has_a_bom_semicolons_and_indonesian_headers_and_statuses_english_when_asked()
    {
        var id = await ReviewTestData.ProposalAsync(app, "asn.dinkes", title: "Usulan untuk CSV");
        await ReviewTestData.PostReviewAsync(app, "reviewer", id, "Baik.");
        var month = MonthKey.Of(DateTimeOffset.UtcNow, "Asia/Jakarta");
        using var bupati = await app.ClientAsAsync("bupati");

        var bytes = await bupati.GetByteArrayAsync($"/api/rankings/{month}/export.csv?format=excel");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Peringkat;Judul;OPD;Tahapan;Status;Jumlah penilaian;", lines[0]);
        var row = Assert.Single(lines, l => l.Contains("Usulan untuk CSV", StringComparison.Ordinal));
        Assert.Contains(";Inisiatif;Ditinjau;1;", row);

        var english = Encoding.UTF8.GetString(await bupati.GetByteArrayAsync($"/api/rankings/{month}/export.csv?format=excel&culture=en"));
        Assert.StartsWith("\uFEFFRank;Title;OPD;Stage;Status;Reviews;", english);
        Assert.Contains(";In review;", english);

        var machine = Encoding.UTF8.GetString(await bupati.GetByteArrayAsync($"/api/rankings/{month}/export.csv"));
        Assert.StartsWith("\uFEFFrank,title,opd,stage,status,", machine);
    }
}
