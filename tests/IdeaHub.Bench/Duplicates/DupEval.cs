using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IdeaHub.Tests.Duplicates;
using IdeaHub.Web.Duplicates;
using static IdeaHub.Tests.Duplicates.DuplicateEvaluation;

namespace IdeaHub.Bench.Duplicates;

/// <summary>
/// dup-eval: duplicate detection quality of the active (default) embedder on both sets. Real set (data/real-innovations.json)
/// through the API as drafts of the demo Pemkab's OPDs: pair precision/recall/F1 at the app's own flag, best F1 at any
/// threshold, nearest neighbour in the same cluster, per tuning/held-out half, and errors per cluster. Synthetic set
/// (data/duplicate-pairs.json) through the scorer in process, as a check.
/// </summary>
internal static class DupEval
{
    public static async Task<int> RunAsync(string[] args)
    {
        await using var db = await BenchDb.StartAsync("dupeval", new DuplicateOptions { ShowThreshold = 0 });
        var active = await db.Catalog.ActiveAsync();
        Console.WriteLine($"Active embedder {active.Id} ({active.Kind}): vector weight {active.VectorWeight}, flag threshold {active.FlagThreshold}");
        await RealAsync(db);
        await SyntheticAsync(db);
        return 0;
    }

    private static async Task RealAsync(BenchDb db)
    {
        var set = RealSetEvaluation.Load(Path.Combine(AppContext.BaseDirectory, "Duplicates", "data", "real-innovations.json"));
        await using var app = new BenchApp(db.ConnectionString);
        var baseUrl = app.Start();
        var clients = new Dictionary<string, HttpClient>();
        async Task<HttpClient> asn(string opd)
        {
            if (clients.TryGetValue(opd, out var c)) return c;
            c = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var res = await c.PostAsJsonAsync("/api/auth/token", new { userName = "asn." + opd, password = BenchApp.Password });
            res.EnsureSuccessStatusCode();
            var token = (await res.Content.ReadFromJsonAsync<Token>())!.AccessToken;
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return clients[opd] = c;
        }
        var ids = await RealSetEvaluation.CreateDraftsAsync(set, asn);
        await db.DrainQueueAsync();
        var r = await RealSetEvaluation.ScoreAsync(set, ids, asn, (d, t) => Progress.Bar("asking similar", d, t));
        Console.WriteLine($"\n## Real set: {set.Items.Count} excerpts, {set.Items.Select(i => i.Pemda).Distinct().Count()} pemda, " +
            $"{set.Items.Select(i => i.Cluster).Distinct().Count()} clusters, drafts of {ids.Values.Select(v => v.Opd).Distinct().Count()} OPDs");
        Console.WriteLine("| part | pairs (same cluster) | P at flag | R at flag | F1 at flag | best F1 (threshold) | nearest in cluster |\n|---|---|---|---|---|---|---|");
        foreach (var split in new string?[] { null, "tune", "held" })
        {
            var flag = RealSetEvaluation.AtFlag(r, split);
            var (t, best) = RealSetEvaluation.Best(r, split);
            var pairs = RealSetEvaluation.Pairs(r, split).ToList();
            Console.WriteLine($"| {split ?? "all"} | {pairs.Count} ({pairs.Count(p => p.Same)}) | {F(flag.Precision)} | {F(flag.Recall)} | {F(flag.F1)} | " +
                $"{F(best.F1)} ({t:0.00}) | {F(RealSetEvaluation.NearestInCluster(r, split))} |");
        }
        Console.WriteLine("\nErrors at the flag per cluster (missed pairs inside / flagged pairs to other clusters, the most confused):");
        foreach (var g in RealSetEvaluation.Pairs(r).Where(p => p.Hit.Flagged != p.Same).GroupBy(p => p.A.Cluster).OrderByDescending(g => g.Count()))
        {
            var missed = g.Count(p => p.Same);
            var confused = g.Where(p => !p.Same).GroupBy(p => p.B.Cluster).OrderByDescending(x => x.Count()).Take(3)
                .Select(x => $"{x.Key} {x.Count()}");
            Console.WriteLine($"- {g.Key}: missed {missed}, wrongly flagged {g.Count() - missed} ({string.Join(", ", confused)})");
        }
    }

    private static async Task SyntheticAsync(BenchDb db)
    {
        var set = Load(Path.Combine(AppContext.BaseDirectory, "Duplicates", "data", "duplicate-pairs.json"));
        var (pemkab, ids) = await InsertAsync(db.Data.Source, set);
        await db.DrainQueueAsync();
        var scored = await ScoreAsync(db.Scorer, pemkab, set, ids, (d, t) => Progress.Bar("scoring pairs", d, t));
        var flag = AtFlag(scored);
        var best = Best(scored, s => s.Score);
        Console.WriteLine($"\n## Synthetic set: {set.Items.Count} texts, {set.Pairs.Count} pairs (in process)\n" +
            $"At the app's flag: precision {F(flag.Precision)}, recall {F(flag.Recall)}, F1 {F(flag.F1)} (tp {flag.Tp}, fp {flag.Fp}, fn {flag.Fn}); " +
            $"best F1 {F(best.F1)} at {best.Threshold:0.00}");
    }

    private sealed record Token(string AccessToken);

    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
}
