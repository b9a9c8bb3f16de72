namespace IdeaHub.Web.Organisation.Import;

/// <summary>What is wrong in one cell, with the value as the file has it (null for a whole row or the file).</summary>
public sealed record RowError(int Row, string Column, string Message, string? Value = null);

/// <summary>
/// A parsed CSV file (RFC 4180 quoting; comma or, as Indonesian spreadsheets export, semicolon separated).
/// Row numbers are the file's line numbers as a spreadsheet shows them: the header is row 1.
/// </summary>
public sealed class CsvTable
{
    public required IReadOnlyList<string> Header { get; init; }
    public required IReadOnlyList<(int Row, string[] Cells)> Rows { get; init; }
    public List<RowError> Errors { get; } = [];

    /// <summary>The cell of <paramref name="column"/> in the file's row <paramref name="row"/>, or null.</summary>
    public string? Value(int row, string column)
    {
        var i = Column(column);
        return i < 0 ? null : Rows.Where(r => r.Row == row).Select(r => i < r.Cells.Length ? r.Cells[i] : null).FirstOrDefault();
    }

    public int Column(string name) => Header.ToList().FindIndex(h => h.Equals(name, StringComparison.OrdinalIgnoreCase));

    public static CsvTable Parse(string text, string badQuotesMessage)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var records = new List<(int Row, string[] Cells, bool BadQuotes)>();
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOf('\n') is var nl and >= 0 ? nl : text.Length));
        var sep = firstLine.Contains(';') && !firstLine.Contains(',') ? ';' : ',';
        int i = 0, line = 1;
        while (i < text.Length)
        {
            var start = line;
            var (cells, bad) = ReadRecord(text, ref i, ref line, sep);
            if (cells.Count > 1 || cells[0].Length > 0 || bad) records.Add((start, cells.ToArray(), bad));
        }
        var table = new CsvTable
        {
            Header = records.Count > 0 ? records[0].Cells.Select(h => h.Trim()).ToArray() : [],
            Rows = records.Skip(1).Select(r => (r.Row, r.Cells)).ToList(),
        };
        foreach (var r in records.Where(r => r.BadQuotes)) table.Errors.Add(new RowError(r.Row, "", badQuotesMessage));
        return table;
    }

    private static (List<string> Cells, bool BadQuotes) ReadRecord(string text, ref int i, ref int line, char sep)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false, bad = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; cell.Append(c); }
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == '"') bad = true;
            else if (c == sep) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { i++; line++; break; }
            else if (c != '\r') cell.Append(c);
        }
        cells.Add(cell.ToString());
        return (cells, bad || quoted);
    }
}
