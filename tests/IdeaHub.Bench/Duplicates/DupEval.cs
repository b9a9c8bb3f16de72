using System.Globalization;
using IdeaHub.Tests.Duplicates;
using IdeaHub.Web.Duplicates;
using static IdeaHub.Tests.Duplicates.DuplicateEvaluation;

namespace IdeaHub.Bench.Duplicates;

/// <summary>
/// dup-eval [--tune]: precision, recall and F1 on "duplicate" at the configured threshold and the precision–recall
/// curve, per embedder and per signal, on the labelled set. --tune searches weights on half of the topic families
/// and reports them on the other half (held out), so the configured weights are not judged on their own tuning data.
/// </summary>
internal static class DupEval
{
    public static async Task<int> RunAsync(string[] args)
    {
        var set = Load(Path.Combine(AppContext.BaseDirectory, "Duplicates", "data", "duplicate-pairs.json"));
        var configured = new DuplicateOptions();
        await using var db = await BenchDb.StartAsync("dupeval", new DuplicateOptions { ShowThreshold = 0 });
        var (pemkab, ids) = await InsertAsync(db.Data.Source, set);
        await db.DrainQueueAsync();
        Console.WriteLine($"Labelled set: {set.Items.Count} texts, {set.Pairs.Count} pairs ({string.Join(", ", set.Pairs.GroupBy(p => p.Label).Select(g => $"{g.Key} {g.Count()}"))})");
        foreach (var embedder in db.Catalog.Available)
        {
            Console.WriteLine($"\n## Embedder {embedder.Id} ({embedder.Label}, {embedder.Dims} dims)");
            if (embedder.Id != (await db.Catalog.ActiveAsync()).Id) { Console.WriteLine("(not active in this run; configure Duplicates:Embedder to evaluate it)"); continue; }
            var scored = await ScoreAsync(db.Scorer, pemkab, set, ids, (d, t) => Progress.Bar("scoring pairs", d, t));
            var w = new Weights(configured.VectorWeight, configured.TextWeight, configured.TitleWeight);
            var at = At(Points(scored, w.Fuse), configured.DuplicateThreshold);
            Console.WriteLine($"Hybrid (weights vector {w.Vector}, full-text {w.Text}, title {w.Title}) at threshold {configured.DuplicateThreshold}: " +
                $"precision {F(at.Precision)}, recall {F(at.Recall)}, F1 {F(at.F1)} (tp {at.Tp}, fp {at.Fp}, fn {at.Fn})");
            // Variants 1 and 2 of a concept were written independently; variant 3 rewords sentences of both (an easier case).
            var independent = scored.Where(s => s.Pair.Label == "duplicate" && s.Pair.A.EndsWith("-1", StringComparison.Ordinal) && s.Pair.B.EndsWith("-2", StringComparison.Ordinal)).ToList();
            var ind = At(Points(independent, w.Fuse), configured.DuplicateThreshold);
            Console.WriteLine($"Recall on the {independent.Count} independently worded duplicate pairs (variant 1 vs 2): {F(ind.Recall)}");
            Console.WriteLine("Best single-signal F1 (threshold chosen on all pairs, optimistic): " + string.Join("; ",
                new (string, Func<Scored, double>)[] { ("vector", s => s.Vector), ("full-text", s => s.Text), ("title trigram", s => s.Title) }
                    .Select(x => (x.Item1, Best(scored, x.Item2))).Select(x => $"{x.Item1} {F(x.Item2.F1)} @ {x.Item2.Threshold}")));
            Console.WriteLine("\nPrecision-recall curve (hybrid):\n| threshold | precision | recall | F1 |\n|---|---|---|---|");
            foreach (var m in Curve(scored, w.Fuse)) Console.WriteLine($"| {m.Threshold:0.00} | {F(m.Precision)} | {F(m.Recall)} | {F(m.F1)} |");
            Console.WriteLine("\nErrors at the configured threshold by kind: " + string.Join(", ", scored
                .Where(s => (w.Fuse(s) >= configured.DuplicateThreshold) != (s.Pair.Label == "duplicate"))
                .GroupBy(s => s.Pair.Kind).Select(g => $"{g.Key} {g.Count()}")));
            if (args.Contains("--tune")) Tune(scored);
        }
        return 0;
    }

    private static void Tune(List<Scored> scored)
    {
        var families = scored.Select(s => s.Family).Distinct().Order(StringComparer.Ordinal).ToList();
        var tuneFamilies = families.Where((_, i) => i % 2 == 0).ToHashSet();
        var tune = scored.Where(s => tuneFamilies.Contains(s.Family)).ToList();
        var held = scored.Except(tune).ToList();
        var (w, m) = DuplicateEvaluation.Tune(tune);
        var heldAt = At(Points(held, w.Fuse), m.Threshold);
        Console.WriteLine($"\nTuned on {tune.Count} pairs ({string.Join(", ", tuneFamilies)}): weights vector {w.Vector}, full-text {w.Text}, title {w.Title}, " +
            $"threshold {m.Threshold}: F1 {F(m.F1)}; held-out {held.Count} pairs: precision {F(heldAt.Precision)}, recall {F(heldAt.Recall)}, F1 {F(heldAt.F1)}");
        var (wa, ma) = DuplicateEvaluation.Tune(scored);
        Console.WriteLine($"Tuned on all pairs (optimistic): weights {wa.Vector}/{wa.Text}/{wa.Title}, threshold {ma.Threshold}, F1 {F(ma.F1)}");
    }

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
}
