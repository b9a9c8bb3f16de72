using System.Globalization;
using System.Text;

namespace IdeaHub.Web.Duplicates;

/// <summary>
/// A small Indonesian normaliser and rule-based stemmer (after Nazief–Adriani, without a root dictionary):
/// lowercase, strip particles, possessives, derivational suffixes and prefixes with the usual
/// nasal recoding (menyusun → susun, memantau → pantau). Imperfect on purpose: it only has to map
/// inflected forms of one word to one key; character n-grams in the embedder soften its mistakes.
/// </summary>
public static class IndonesianText
{
    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam", "oleh", "atau", "ini", "itu", "tersebut",
        "adalah", "akan", "agar", "supaya", "sehingga", "karena", "bagi", "serta", "juga", "sudah", "telah", "belum",
        "masih", "dapat", "bisa", "harus", "lebih", "sangat", "tidak", "bukan", "ada", "secara", "melalui", "terhadap",
        "antara", "setiap", "para", "se", "kami", "kita", "mereka", "ia", "saat", "sejak", "hingga", "sampai", "yaitu",
        "yakni", "bahwa", "jika", "bila", "apabila", "namun", "tetapi", "tanpa", "per", "pun", "lagi", "hanya", "rata",
        "banyak", "sering", "kali", "tiap", "pula", "maupun", "baik", "sebagai", "seperti", "tentang", "atas", "bawah",
        "sebuah", "suatu", "satu", "dua", "tiga", "hari", "tahun", "bulan", "orang", "masing", "berbagai", "lain",
    };

    // Very common words in any proposal: kept, but weighted down by the embedder.
    private static readonly HashSet<string> CommonStems = new(StringComparer.Ordinal)
    {
        "inovasi", "layan", "masyarakat", "warga", "program", "daerah", "kabupaten", "opd", "dinas", "tingkat",
        "sistem", "aplikasi", "data", "guna", "proses", "upaya", "kegiatan", "capai", "target", "persen",
    };

    public static bool IsCommon(string stem) => CommonStems.Contains(stem);

    public static bool IsStopword(string token) => Stopwords.Contains(token);

    /// <summary>Lowercased alphanumeric tokens (diacritics removed), stopwords dropped, each stemmed.</summary>
    public static List<string> Stems(string text)
    {
        var result = new List<string>();
        foreach (var token in Tokens(text))
        {
            if (Stopwords.Contains(token) || token.Length < 2) continue;
            var stem = token.All(char.IsDigit) ? token : Stem(token);
            if (!Stopwords.Contains(stem)) result.Add(stem);
        }
        return result;
    }

    public static IEnumerable<string> Tokens(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
            else if (ch == '-' && sb.Length > 0) continue; // reduplication "anak-anak" → "anakanak" is rare; joined words stay one token
            else if (sb.Length > 0) { yield return sb.ToString(); sb.Clear(); }
        }
        if (sb.Length > 0) yield return sb.ToString();
    }

    public static string Stem(string word)
    {
        if (word.Length <= 4) return word;
        var w = StripEnd(word, ["lah", "kah", "tah", "pun"]);
        w = StripEnd(w, ["nya", "ku", "mu"]);
        var beforeSuffix = w;
        w = StripEnd(w, ["kan", "an", "i"]);
        var prefixed = StripPrefixes(w);
        // A suffix strip that leaves a too-short root was probably part of the root ("bangunan" vs "bangun" is fine, "ikan" is not).
        if (prefixed.Length < 3) prefixed = StripPrefixes(beforeSuffix);
        return prefixed.Length >= 3 ? prefixed : word;
    }

    private static string StripEnd(string w, string[] endings)
    {
        foreach (var e in endings)
            if (w.Length - e.Length >= 4 && w.EndsWith(e, StringComparison.Ordinal)) return w[..^e.Length];
        return w;
    }

    private static string StripPrefixes(string w)
    {
        for (var round = 0; round < 2; round++)
        {
            var next = StripPrefix(w);
            if (next == w) break;
            w = next;
        }
        return w;
    }

    private static bool Vowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static string StripPrefix(string w)
    {
        if (w.Length < 5) return w;
        if (w.StartsWith("meny", StringComparison.Ordinal) || w.StartsWith("peny", StringComparison.Ordinal)) return "s" + w[4..];
        if (w.StartsWith("meng", StringComparison.Ordinal) || w.StartsWith("peng", StringComparison.Ordinal))
            return w.Length > 4 && Vowel(w[4]) && w[4] != 'e' ? "k" + w[4..] : w[4..];
        if (w.StartsWith("mem", StringComparison.Ordinal) || w.StartsWith("pem", StringComparison.Ordinal))
            return Vowel(w[3]) ? "p" + w[3..] : w[3..];
        if (w.StartsWith("men", StringComparison.Ordinal) || w.StartsWith("pen", StringComparison.Ordinal))
            return Vowel(w[3]) ? "t" + w[3..] : w[3..];
        foreach (var p in (string[])["ber", "ter", "per", "me", "pe", "be", "di", "ke", "se"])
            if (w.StartsWith(p, StringComparison.Ordinal) && w.Length - p.Length >= 4) return w[p.Length..];
        return w;
    }
}
