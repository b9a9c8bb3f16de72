using IdeaHub.Web.Duplicates;
using Microsoft.Extensions.Options;

namespace IdeaHub.Tests.Duplicates;

/// <summary>Regression guard: the real scorer on real PostgreSQL must keep F1 ≥ 0.85 on "duplicate" for the labelled set.</summary>
public sealed class DuplicateEvaluationTests(DuplicateEvaluationTests.App app) : IClassFixture<DuplicateEvaluationTests.App>
{
    public sealed class App : DuplicatesApp
    {
        public App() => With("Duplicates:ShowThreshold", "0");
    }

    [Fact]
    public async Task Lexical_hybrid_scoring_reaches_f1_085_on_duplicates_at_the_configured_threshold()
    {
        var set = DuplicateEvaluation.Load();
        Assert.True(set.Pairs.Count >= 300);
        var (pemkab, ids) = await DuplicateEvaluation.InsertAsync(app.Service<DuplicatesData>().Source, set);
        await app.DrainAsync();
        var scored = await DuplicateEvaluation.ScoreAsync(app.Service<SimilarityScorer>(), pemkab, set, ids);
        var o = app.Service<IOptions<DuplicateOptions>>().Value;
        var w = new DuplicateEvaluation.Weights(o.VectorWeight, o.TextWeight, o.TitleWeight);
        var m = DuplicateEvaluation.At(DuplicateEvaluation.Points(scored, w.Fuse), o.DuplicateThreshold);
        Assert.True(m.F1 >= 0.85, $"F1 {m.F1:0.000} (precision {m.Precision:0.000}, recall {m.Recall:0.000}) below 0.85");
    }
}
