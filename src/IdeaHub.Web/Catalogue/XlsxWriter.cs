using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IdeaHub.Web.Catalogue;

/// <summary>Sheets of rows to an XLSX (OpenXML SAX writer: rows stream, no DOM per cell). Text is inline, never a formula.</summary>
public static class XlsxWriter
{
    public static byte[] Write(IEnumerable<(string Name, string[] Header, IEnumerable<object?[]> Rows)> sheets)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            var list = book.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, header, rows) in sheets)
            {
                var part = book.AddNewPart<WorksheetPart>();
                using (var w = OpenXmlWriter.Create(part))
                {
                    w.WriteStartElement(new Worksheet());
                    w.WriteStartElement(new SheetData());
                    WriteRow(w, header);
                    foreach (var row in rows) WriteRow(w, row);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                list.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = id++, Name = name });
            }
            book.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void WriteRow(OpenXmlWriter w, object?[] values)
    {
        w.WriteStartElement(new Row());
        foreach (var v in values)
            w.WriteElement(v switch
            {
                null => new Cell(),
                int or long or double or decimal => new Cell { DataType = CellValues.Number,
                    CellValue = new CellValue(((IFormattable)v).ToString(null, CultureInfo.InvariantCulture)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Clean(v.ToString()!))) },
            });
        w.WriteEndElement();
    }

    /// <summary>XML 1.0 cannot hold most control characters; a stray one would make the whole file unreadable.</summary>
    private static string Clean(string s) => s.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r'))
        ? new string(s.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray()) : s;
}
