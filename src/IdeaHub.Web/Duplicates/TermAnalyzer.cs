using System.Globalization;
using System.Text;

namespace IdeaHub.Web.Duplicates;

/// <summary>A text's terms for lexical-v2: term → weight, the words as the author wrote them, and the title's terms.</summary>
public sealed record AnalyzedText(IReadOnlyDictionary<string, float> Weights, IReadOnlyDictionary<string, string> Surface,
    IReadOnlySet<string> TitleTerms);

/// <summary>
/// Turns a title and body into weighted terms: tokens (diacritics removed, hyphenated words joined), the public-sector
/// lexicon (<see cref="IndonesianLexicon"/>), stopwords and numbers dropped, the rest stemmed. Weights are sublinear
/// term frequencies with title occurrences counting 1.5 (measured on the real set: 1 and 2 were both worse). How rare a
/// term is comes later, from the deployment's own proposals (<see cref="TermStatistics"/>), not from a fixed list.
/// </summary>
public static class TermAnalyzer
{
    public const float TitleWeight = 1.5f;

    // Some proposals quote English abstracts; their function words carry nothing.
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
        { "the", "of", "and", "in", "to", "a", "is", "for", "that", "by", "with", "on", "as", "was", "are", "this", "be" };

    public static AnalyzedText Analyze(string title, string body)
    {
        var counts = new Dictionary<string, float>(StringComparer.Ordinal);
        var surface = new Dictionary<string, string>(StringComparer.Ordinal);
        var titleTerms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (term, written) in Terms(title))
        {
            counts[term] = counts.GetValueOrDefault(term) + TitleWeight;
            surface.TryAdd(term, written);
            titleTerms.Add(term);
        }
        foreach (var (term, written) in Terms(body))
        {
            counts[term] = counts.GetValueOrDefault(term) + 1f;
            surface.TryAdd(term, written);
        }
        var weights = counts.ToDictionary(x => x.Key, x => x.Value <= 1f ? x.Value : 1f + MathF.Log(x.Value), StringComparer.Ordinal);
        return new AnalyzedText(weights, surface, titleTerms);
    }

    /// <summary>Canonical terms with the words they came from, as written (a phrase of the lexicon keeps its whole text).</summary>
    public static IEnumerable<(string Term, string Written)> Terms(string text)
    {
        var words = Words(text);
        var lower = words.Select(w => w.Lower).ToList();
        for (var i = 0; i < words.Count;)
        {
            if (IndonesianLexicon.Match(lower, i) is var (terms, n))
            {
                var written = string.Join(' ', words.Skip(i).Take(n).Select(w => w.Written));
                foreach (var t in terms) yield return (t, written);
                i += n;
                continue;
            }
            var (low, original) = words[i++];
            if (low.Length < 2 || low.All(char.IsDigit) || IndonesianText.IsStopword(low) || English.Contains(low)) continue;
            var stem = IndonesianText.Stem(low);
            if (!IndonesianText.IsStopword(stem)) yield return (stem, original);
        }
    }

    /// <summary>Alphanumeric words, lowercased and as written; diacritics removed; "KTP-el" is one word.</summary>
    private static List<(string Lower, string Written)> Words(string text)
    {
        var list = new List<(string, string)>();
        var sb = new StringBuilder();
        var written = new StringBuilder();
        void Flush()
        {
            if (sb.Length == 0) return;
            list.Add((sb.ToString().ToLowerInvariant(), written.ToString()));
            sb.Clear();
            written.Clear();
        }
        var normalized = text.Normalize(NormalizationForm.FormD);
        for (var i = 0; i < normalized.Length; i++)
        {
            var ch = normalized[i];
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(ch);
                written.Append(ch);
            }
            else if (ch == '-' && sb.Length > 0 && i + 1 < normalized.Length && char.IsLetterOrDigit(normalized[i + 1])) written.Append(ch);
            else Flush();
        }
        Flush();
        return list;
    }
}
