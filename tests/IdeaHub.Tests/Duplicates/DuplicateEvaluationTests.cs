using IdeaHub.Web.Duplicates;

namespace IdeaHub.Tests.Duplicates;

/// <summary>Regression guard: the real scorer on real PostgreSQL keeps its F1 on "duplicate" for the synthetic labelled set.</summary>
public sealed class DuplicateEvaluationTests(DuplicateEvaluationTests.App app) : IClassFixture<DuplicateEvaluationTests.App>
{
    public sealed class App : DuplicatesApp
    {
        public App() => With("Duplicates:ShowThreshold", "0");
    }

    /// <summary>A little below the default embedder's measured F1 at its flag on this set (docs/benchmarks.md).</summary>
    private const double SyntheticFloor = 0.90;

    [Fact]
    public async Task Default_scorer_keeps_f1_on_the_synthetic_pairs_at_the_apps_flag()
    {
        var set = DuplicateEvaluation.Load();
        Assert.True(set.Pairs.Count >= 300);
        var (pemkab, ids) = await DuplicateEvaluation.InsertAsync(app.Service<DuplicatesData>().Source, set);
        await app.DrainAsync();
        var scored = await DuplicateEvaluation.ScoreAsync(app.Service<SimilarityScorer>(), pemkab, set, ids);
        var m = DuplicateEvaluation.AtFlag(scored);
        Assert.True(m.F1 >= SyntheticFloor, $"F1 {m.F1:0.000} (precision {m.Precision:0.000}, recall {m.Recall:0.000}) below {SyntheticFloor}");
    }
}
