using Xunit.Abstractions;
using static IdeaHub.Tests.Duplicates.RealSetEvaluation;

namespace IdeaHub.Tests.Duplicates;

/// <summary>
/// Regression guard on real text: the default scorer, through the API, on data/real-innovations.json. The floors
/// sit slightly below the values measured with <c>IdeaHub.Bench dup-eval</c> (docs/benchmarks.md).
/// </summary>
public sealed class RealSetEvaluationTests(DuplicatesApp app, ITestOutputHelper output) : IClassFixture<DuplicatesApp>
{
    [Fact]
    public async Task Default_scorer_keeps_pair_f1_and_nearest_neighbour_on_the_real_set()
    {
        var set = Load();
        Assert.True(set.Items.Count >= 150 && set.Items.Select(i => i.Pemda).Distinct().Count() >= 60);
        Task<HttpClient> asn(string opd) => app.ClientAsAsync("asn." + opd);
        var ids = await CreateDraftsAsync(set, asn);
        await app.DrainAsync();
        var result = await ScoreAsync(set, ids, asn);
        var flag = AtFlag(result);
        var nn = NearestInCluster(result);
        foreach (var split in new string?[] { null, "tune", "held" })
        {
            var f = AtFlag(result, split);
            output.WriteLine($"{split ?? "all"}: pair F1 at flag {f.F1:0.000} (P {f.Precision:0.000}, R {f.Recall:0.000}); " +
                $"best {Best(result, split)}; nearest in cluster {NearestInCluster(result, split):0.000}");
        }
        Assert.True(flag.F1 >= RealSetFloors.PairF1,
            $"pair F1 at the app's flag {flag.F1:0.000} (P {flag.Precision:0.000}, R {flag.Recall:0.000}) below {RealSetFloors.PairF1}");
        Assert.True(nn >= RealSetFloors.NearestNeighbour, $"nearest neighbour in cluster {nn:0.000} below {RealSetFloors.NearestNeighbour}");
    }
}

/// <summary>Floors for the regression test, a little below the measured values of the default embedder.</summary>
internal static class RealSetFloors
{
    public const double PairF1 = 0.70;
    public const double NearestNeighbour = 0.86;
}
