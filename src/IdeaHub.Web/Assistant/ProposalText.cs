using System.Globalization;
using System.Text;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Web.Assistant;

/// <summary>A proposal as labelled plain text: what the model reads inside its data block.</summary>
public static class ProposalText
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    public static string ForPrompt(ProposalSnapshot s)
    {
        var b = new StringBuilder();
        b.Append("[Nama inovasi] ").AppendLine(s.Title);
        b.Append("[Urusan] ").AppendLine(s.Urusan);
        b.Append("[Tahapan] ").Append(s.Stage).Append(" · [Jenis] ").Append(s.Kind).Append(" · [Bentuk] ").AppendLine(s.Form.ToString());
        Section(b, "Permasalahan", s.Problem);
        Section(b, "Rancang bangun", s.Design);
        Section(b, "Tujuan", s.Goals);
        Section(b, "Manfaat", s.Benefits);
        Section(b, "Hasil", s.Results);
        b.AppendLine("[Indikator]");
        for (var i = 0; i < s.Indicators.Count; i++) b.Append(i + 1).Append(". ").AppendLine(Indicator(s.Indicators[i]));
        return b.ToString();
    }

    public static string Indicator(IndicatorData i) =>
        $"{i.Name}; satuan: {Or(i.Unit)}; baseline: {Number(i.Baseline)}; target: {Number(i.Target)}; tanggal target: {i.TargetDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}";

    private static string Number(decimal? d) => d?.ToString("#,0.####", Id) ?? "-";

    private static string Or(string s) => string.IsNullOrWhiteSpace(s) ? "-" : s;

    private static void Section(StringBuilder b, string label, string text) => b.Append('[').Append(label).AppendLine("]").AppendLine(Or(text));
}
