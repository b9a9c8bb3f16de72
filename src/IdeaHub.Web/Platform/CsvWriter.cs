using System.Text;
using Csv = CsvHelper;

namespace IdeaHub.Web.Platform;

/// <summary>Separator and byte order mark of a CSV file the app writes.</summary>
/// <param name="Separator">',' (RFC 4180, for machines) or ';' (what Excel in an Indonesian locale opens by double-click).</param>
/// <param name="ByteOrderMark">A UTF-8 BOM, so Excel detects the encoding.</param>
public sealed record CsvFormat(char Separator = ',', bool ByteOrderMark = true)
{
    public static readonly CsvFormat Machine = new();
    public static readonly CsvFormat Spreadsheet = new(';');
}

/// <summary>
/// The one way the app writes CSV (RFC 4180 quoting, invariant numbers, CRLF). A text cell that starts with
/// = + - @ TAB or CR, which a spreadsheet would run as a formula, is written as text: prefixed with ' and quoted
/// (OWASP "CSV injection"). Numbers, dates and booleans are written as they are. Built on CsvHelper's writer.
/// </summary>
public static class CsvWriter
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, CsvFormat? format = null)
    {
        using var stream = new MemoryStream();
        Write(stream, header, rows, format);
        return stream.ToArray();
    }

    /// <summary>As <see cref="Write(IReadOnlyList{string}, IEnumerable{IReadOnlyList{object?}}, CsvFormat?)"/>, as text without a BOM (for a page or a data: link).</summary>
    public static string WriteText(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, char separator = ',') =>
        Encoding.UTF8.GetString(Write(header, rows, new CsvFormat(separator, ByteOrderMark: false)));

    public static void Write(Stream destination, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, CsvFormat? format = null)
    {
        format ??= CsvFormat.Machine;
        var options = Csv.CsvWriterOptions.Default with
        {
            Separator = format.Separator,
            WriteByteOrderMark = format.ByteOrderMark,
            Injection = Csv.CsvInjection.Escape,
        };
        using var csv = Csv.CsvWriter.Create(destination, options, leaveOpen: true);
        csv.WriteHeader([.. header]);
        foreach (var row in rows)
        {
            foreach (var cell in row) csv.WriteField(cell);
            csv.EndRecord();
        }
    }
}
