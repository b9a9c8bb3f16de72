using System.Text.RegularExpressions;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Web.Assistant;

public enum CheckSeverity { Info, Warning, Error }

/// <summary>One problem found without a model. <paramref name="Code"/> names the message and fix in AssistantText.</summary>
public sealed record CheckFinding(string Field, CheckSeverity Severity, string Code, params object[] Args);

/// <summary>
/// Instant, model-free checks of a proposal against what the national form and the regents ask for: complete
/// fields, a rancang bangun of at least 300 words, SMART indicators, a problem stated in numbers, no vague wording.
/// </summary>
public static partial class ProposalChecks
{
    public const int MinDesignWords = 300;
    public const int MinThinWords = 15;

    /// <summary>Indonesian phrases that promise improvement without saying how much.</summary>
    public static readonly IReadOnlyList<string> VaguePhrases =
    [
        "meningkatkan kualitas", "peningkatan kualitas", "optimalisasi", "mengoptimalkan", "efektivitas", "efisiensi",
        "sinergi", "bersinergi", "lebih baik", "semaksimal mungkin", "secara maksimal", "memaksimalkan", "akselerasi",
        "mempercepat", "meningkatkan kinerja", "meningkatkan pelayanan", "pelayanan prima", "berkualitas",
    ];

    // Indicator names or units where a lower value is the improvement (time, queues, cases, prevalence…).
    private static readonly string[] LowerIsBetter =
    [
        "waktu", "lama", "durasi", "antre", "antri", "tunggu", "menit", "jam", "hari", "stunting", "kematian", "kemiskinan",
        "miskin", "pengangguran", "keluhan", "pengaduan", "biaya", "kasus", "kecelakaan", "tunggakan", "kesalahan", "sampah",
        "banjir", "putus sekolah", "prevalensi", "inflasi", "genangan", "kemacetan", "penolakan", "berkas tertunda",
    ];

    public static IReadOnlyList<CheckFinding> Run(ProposalSnapshot p, DateOnly today)
    {
        var f = new List<CheckFinding>();
        Required(f, "title", p.Title);
        if (!Urusan.IsValid(p.Urusan)) f.Add(new("urusan", CheckSeverity.Error, "Missing"));
        Required(f, "problem", p.Problem);
        if (!string.IsNullOrWhiteSpace(p.Problem) && !HasNumber(p.Problem)) f.Add(new("problem", CheckSeverity.Error, "ProblemNoNumbers"));
        var designWords = WordCount(p.Design);
        if (designWords == 0) f.Add(new("design", CheckSeverity.Error, "Missing"));
        else if (designWords < MinDesignWords) f.Add(new("design", CheckSeverity.Warning, "DesignTooShort", designWords, MinDesignWords));
        foreach (var field in new[] { "goals", "benefits", "results" })
        {
            var words = WordCount(p.Text(field));
            if (words == 0) f.Add(new(field, CheckSeverity.Error, "Missing"));
            else if (words < MinThinWords) f.Add(new(field, CheckSeverity.Warning, "Thin", words, MinThinWords));
        }
        foreach (var field in ProposalSnapshot.TextFields)
            foreach (var phrase in VagueWithoutMeasure(p.Text(field)))
                f.Add(new(field, CheckSeverity.Warning, "Vague", phrase));
        if (p.Indicators.Count == 0) f.Add(new("indicators", CheckSeverity.Error, "NoIndicators"));
        for (var n = 0; n < p.Indicators.Count; n++) Indicator(f, $"indicators[{n}]", p.Indicators[n], today);
        return f;
    }

    private static void Indicator(List<CheckFinding> f, string field, IndicatorData i, DateOnly today)
    {
        var name = string.IsNullOrWhiteSpace(i.Name) ? "?" : i.Name;
        if (string.IsNullOrWhiteSpace(i.Unit)) f.Add(new(field, CheckSeverity.Error, "IndicatorNoUnit", name));
        if (i.Baseline is null) f.Add(new(field, CheckSeverity.Error, "IndicatorNoBaseline", name));
        if (i.Target is null) f.Add(new(field, CheckSeverity.Error, "IndicatorNoTarget", name));
        if (i.TargetDate is null) f.Add(new(field, CheckSeverity.Error, "IndicatorNoDate", name));
        else if (i.TargetDate < today) f.Add(new(field, CheckSeverity.Error, "IndicatorDatePast", name));
        if (i is { Baseline: decimal b, Target: decimal t } && !IsBetter(i, b, t))
            f.Add(new(field, CheckSeverity.Error, IsLowerBetter(i) ? "IndicatorTargetNotLower" : "IndicatorTargetNotHigher", name));
    }

    public static bool IsLowerBetter(IndicatorData i) => i.Direction switch
    {
        IndicatorDirection.Decrease => true,
        IndicatorDirection.Increase => false,
        _ => LowerIsBetter.Any(w => (i.Name + " " + i.Unit).Contains(w, StringComparison.OrdinalIgnoreCase)),
    };

    private static bool IsBetter(IndicatorData i, decimal baseline, decimal target) =>
        IsLowerBetter(i) ? target < baseline : target > baseline;

    private static void Required(List<CheckFinding> f, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value)) f.Add(new(field, CheckSeverity.Error, "Missing"));
    }

    /// <summary>Vague phrases in sentences that carry no number: "meningkatkan kualitas" alone says nothing measurable.</summary>
    public static IEnumerable<string> VagueWithoutMeasure(string text)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sentence in SentencePattern().Split(text))
        {
            if (HasNumber(sentence)) continue;
            foreach (var phrase in VaguePhrases)
                if (sentence.Contains(phrase, StringComparison.OrdinalIgnoreCase) && found.Add(phrase)) yield return phrase;
        }
    }

    public static int WordCount(string text) => WordPattern().Count(text);

    private static bool HasNumber(string text) => text.Any(char.IsDigit);

    [GeneratedRegex(@"\S+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<=[.!?;])\s+|\n+")]
    private static partial Regex SentencePattern();
}
