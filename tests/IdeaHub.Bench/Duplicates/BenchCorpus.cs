using System.Text.RegularExpressions;
using IdeaHub.Tests.Duplicates;

namespace IdeaHub.Bench.Duplicates;

/// <summary>
/// Generated proposals for load tests: titles and sentences recombined from the labelled set's hand-written
/// texts, with places and numbers varied. Small vocabulary, so neighbours are dense: a harder case for HNSW
/// recall than real proposals.
/// </summary>
internal sealed partial class BenchCorpus(DuplicateEvaluation.LabelledSet set, int seed)
{
    private readonly Random _rnd = new(seed);
    private readonly string[] _titles = [.. set.Items.Select(i => i.Title)];
    private readonly string[] _sentences = [.. set.Items.SelectMany(i => Sentence().Split($"{i.Problem} {i.Design} {i.Goals}")).Where(s => s.Length > 20)];
    private static readonly string[] Places = ["Slawi", "Adiwerna", "Dukuhturi", "Talang", "Pangkah", "Balapulang", "Bumijawa", "Bojong",
        "Margasari", "Jatinegara", "Lebaksiu", "Kramat", "Suradadi", "Warureja", "Tarub", "Dukuhwaru", "Kedungbanteng", "Pagerbarang"];

    public (string Title, string Problem, string Design, string Goals) Next()
    {
        string S() => Number().Replace(_sentences[_rnd.Next(_sentences.Length)], _ => _rnd.Next(5, 500).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var title = $"{_titles[_rnd.Next(_titles.Length)]} {Places[_rnd.Next(Places.Length)]}";
        return (title, S(), $"{S()} {S()}", S());
    }

    [GeneratedRegex(@"(?<=[.;])\s+")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
