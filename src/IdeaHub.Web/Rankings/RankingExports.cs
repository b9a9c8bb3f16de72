using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IdeaHub.Web.Platform;

namespace IdeaHub.Web.Rankings;

/// <summary>
/// The monthly report as files. CSV for machines: RFC 4180, UTF-8 with BOM (so Excel detects it), invariant numbers,
/// codes. CSV for people (issue 12.12): headers, stages and statuses in the reader's language, ';' and a BOM so Excel
/// in an Indonesian locale opens the columns on a double-click, numbers written as the locale writes them.
/// XLSX is for people: one sheet with the ranking, one with OPD participation.
/// </summary>
public static class RankingExports
{
    public static readonly string[] RankingHeader =
        ["rank", "title", "opd", "stage", "status", "reviews", "review_mean", "bayesian_score", "support", "votes", "wilson_lower_bound", "explanation"];

    public static byte[] Csv(RankingPage page) => CsvWriter.Write(RankingHeader, page.Items.Select(Row), CsvFormat.Machine);

    public static byte[] SpreadsheetCsv(RankingPage page, Func<string, string> text)
    {
        var c = CultureInfo.CurrentCulture;
        string N(double v) => v.ToString("0.####", c);
        var rows = page.Items.Select(r => new object?[]
        {
            r.Rank, r.Title, r.OpdName, text("Stage." + r.Stage), text("Status." + r.Status), r.ReviewCount, N(r.RawMean),
            N(r.Bayesian), r.SupportCount, r.VoteCount, r.Wilson is double w ? N(w) : null, r.ExplanationText,
        });
        return CsvWriter.Write(RankingHeader.Select(h => text("Csv." + h)).ToList(), rows, CsvFormat.Spreadsheet);
    }

    public static byte[] Xlsx(RankingPage page, MonthStats stats)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            var sheets = book.Workbook.AppendChild(new Sheets());
            AddSheet(book, sheets, 1, $"Peringkat {page.Month}", RankingHeader, page.Items.Select(Row));
            AddSheet(book, sheets, 2, "Partisipasi OPD", ["opd", "drafted", "submitted", "reviewed", "approved", "implemented"],
                stats.Opds.Select(o => new object?[] { o.Name, o.Drafted, o.Submitted, o.Reviewed, o.Approved, o.Implemented }));
            book.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static object?[] Row(RankingEntry r) =>
        [r.Rank, r.Title, r.OpdName, r.Stage, r.Status, r.ReviewCount, Math.Round(r.RawMean, 4), Math.Round(r.Bayesian, 4),
            r.SupportCount, r.VoteCount, r.Wilson is double w ? Math.Round(w, 4) : null, r.ExplanationText];

    private static void AddSheet(WorkbookPart book, Sheets sheets, uint id, string name, string[] header, IEnumerable<object?[]> rows)
    {
        var part = book.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        data.Append(new Row(header.Select(h => Cell(h))));
        foreach (var row in rows) data.Append(new Row(row.Select(Cell)));
        part.Worksheet = new Worksheet(data);
        sheets.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        int or double or decimal => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Invariant(value)) },
        _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString()!)) },
    };

    private static string Invariant(object? v) => v switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString()!,
    };
}
