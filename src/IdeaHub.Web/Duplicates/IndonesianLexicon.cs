namespace IdeaHub.Web.Duplicates;

/// <summary>
/// Curated Indonesian public-sector vocabulary: acronyms and their expansions, spelling variants and Indonesian/English
/// pairs that name the same thing, each mapped to one canonical term. An entry stays only if it did not merge the hard
/// negatives of the real evaluation set (docs/benchmarks.md, "lexicon term by term"): e.g. "KIA" and "IKD" keep their own
/// terms instead of becoming "KTP-el", "PBB" is not merged with "retribusi", "bapak asuh" is not merged with "ASN".
/// Phrases are matched on lowercased tokens, hyphens already joined ("KTP-el" → "ktpel").
/// </summary>
public static class IndonesianLexicon
{
    private static readonly Dictionary<string, string> Raw = new(StringComparer.Ordinal)
    {
        ["antrian"] = "antrean", ["antri"] = "antrean", ["antre"] = "antrean", ["mengantri"] = "antrean", ["mengantre"] = "antrean",
        ["daring"] = "online", ["dalam jaringan"] = "online",
        ["ektp"] = "ktpel", ["ktpel"] = "ktpel", ["ktp"] = "ktpel", ["ktp elektronik"] = "ktpel", ["kartu tanda penduduk"] = "ktpel",
        ["kartu tanda penduduk elektronik"] = "ktpel",
        ["disdukcapil"] = "dukcapil", ["dispendukcapil"] = "dukcapil", ["dindukcapil"] = "dukcapil",
        ["dinas kependudukan dan pencatatan sipil"] = "dukcapil", ["dinas kependudukan dan catatan sipil"] = "dukcapil",
        ["administrasi kependudukan"] = "adminduk", ["anduk"] = "adminduk",
        ["kartu identitas anak"] = "kia", ["identitas kependudukan digital"] = "ikd", ["informasi kependudukan digital"] = "ikd",
        ["jebol"] = "jemputbola", ["jemput bola"] = "jemputbola",
        ["rumah sakit umum daerah"] = "rsud", ["rumah sakit"] = "rsud", ["rs"] = "rsud",
        ["fasilitas kesehatan"] = "faskes", ["pusat kesehatan masyarakat"] = "puskesmas",
        ["usaha mikro kecil dan menengah"] = "umkm", ["ukm"] = "umkm", ["umk"] = "umkm",
        ["pendapatan asli daerah"] = "pad",
        ["quick response code indonesian standard"] = "qris", ["quick response indonesia standard"] = "qris", ["qr code"] = "qris",
        ["barcode"] = "qris", ["quick response"] = "qris",
        ["pajak bumi dan bangunan"] = "pbb", ["pbbp2"] = "pbb", ["pajak kendaraan bermotor"] = "pkb",
        ["pelayanan terpadu satu pintu"] = "ptsp", ["dpmptsp"] = "ptsp", ["bptsp"] = "ptsp",
        ["mal pelayanan publik"] = "mpp", ["mall pelayanan publik"] = "mpp",
        ["rumah tidak layak huni"] = "rtlh", ["rutilahu"] = "rtlh",
        ["anak tidak sekolah"] = "ats", ["gerakan pangan murah"] = "gpm",
        ["orang dengan gangguan jiwa"] = "odgj", ["demam berdarah dengue"] = "dbd",
        ["whatsapp"] = "wa", ["wifi"] = "internet", ["wi fi"] = "internet",
        ["non tunai"] = "nontunai", ["akte"] = "akta",
        ["home care"] = "homecare", ["kunjungan rumah"] = "homecare", ["drive thru"] = "drivethru",
        ["aparatur sipil negara"] = "asn", ["pns"] = "asn",
        ["orang tua asuh"] = "orangtuaasuh", ["orangtua asuh"] = "orangtuaasuh", ["bapak asuh"] = "orangtuaasuh",
        ["bunda asuh"] = "orangtuaasuh", ["ibu asuh"] = "orangtuaasuh", ["orang tua angkat"] = "orangtuaasuh",
        ["bapak angkat"] = "orangtuaasuh", ["ibu angkat"] = "orangtuaasuh",
    };

    private static readonly Dictionary<string, string[]> ByPhrase = Raw.ToDictionary(x => x.Key, x => x.Value.Split(' '), StringComparer.Ordinal);
    private static readonly int Longest = Raw.Keys.Max(k => k.Count(c => c == ' ') + 1);

    /// <summary>The canonical terms of the longest phrase starting at <paramref name="i"/>, and how many tokens it spans.</summary>
    public static (string[] Terms, int Length)? Match(IReadOnlyList<string> tokens, int i)
    {
        for (var n = Math.Min(Longest, tokens.Count - i); n >= 1; n--)
        {
            var phrase = n == 1 ? tokens[i] : string.Join(' ', Enumerable.Range(i, n).Select(k => tokens[k]));
            if (ByPhrase.TryGetValue(phrase, out var terms)) return (terms, n);
        }
        return null;
    }
}
