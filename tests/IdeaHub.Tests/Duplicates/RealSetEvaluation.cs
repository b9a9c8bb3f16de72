using System.Net.Http.Json;
using System.Text.Json;

namespace IdeaHub.Tests.Duplicates;

/// <summary>
/// The real-text set (data/real-innovations.json) scored through the public API, as users see it: every excerpt is
/// created as a draft by the ASN of one of the demo Pemkab's twelve OPDs (POST /api/proposals), and each author asks
/// GET /api/proposals/{id}/similar?k=50. A pair (A, B) is "predicted duplicate" when B comes back for A with the
/// app's own flag (likelyDuplicate); its score is the returned score, 0 when B is not returned. Shared by the
/// regression test and <c>IdeaHub.Bench dup-eval</c> (linked source).
/// </summary>
public static class RealSetEvaluation
{
    public sealed record Item(string Id, string Cluster, string Domain, string Split, string Pemda, string Opd, string Title,
        string Url, string Excerpt);
    public sealed record RealSet(string Rule, List<Item> Items);
    /// <summary>What the API said about B when A asked.</summary>
    public sealed record Hit(double Score, bool Flagged);
    public sealed record Result(RealSet Set, Dictionary<string, Dictionary<string, Hit>> Hits);
    public sealed record PairMetrics(int Tp, int Fp, int Fn, double Precision, double Recall, double F1);

    /// <summary>The demo Pemkab's OPDs; each excerpt is drafted by one of them (its agency where the demo has it).</summary>
    public static readonly string[] DemoOpds =
        ["dinkes", "disdik", "dpmptsp", "dispar", "dukcapil", "bapperida", "rsud", "pupr", "dinsos", "diskominfo", "dishub", "kec-slawi"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RealSet Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, "Duplicates", "data", "real-innovations.json");
        return JsonSerializer.Deserialize<RealSet>(File.ReadAllText(path), Json) ?? throw new InvalidDataException(path);
    }

    public static string DemoOpdOf(Item item, int index) =>
        DemoOpds.Contains(item.Opd) ? item.Opd : DemoOpds[index % DemoOpds.Length];

    /// <summary>Creates every excerpt as a draft of its OPD's ASN through the API; returns item id → (proposal id, OPD).</summary>
    public static async Task<Dictionary<string, (Guid Id, string Opd)>> CreateDraftsAsync(RealSet set, Func<string, Task<HttpClient>> asnOf)
    {
        var clients = new Dictionary<string, HttpClient>();
        var ids = new Dictionary<string, (Guid, string)>();
        foreach (var (item, n) in set.Items.Select((x, n) => (x, n)))
        {
            var opd = DemoOpdOf(item, n);
            if (!clients.TryGetValue(opd, out var client)) clients[opd] = client = await asnOf(opd);
            var res = await client.PostAsJsonAsync("/api/proposals", new { title = item.Title, problem = item.Excerpt, design = "", goals = "" });
            res.EnsureSuccessStatusCode();
            var created = await res.Content.ReadFromJsonAsync<IdOnly>(Json) ?? throw new InvalidDataException("no id");
            ids[item.Id] = (created.Id, opd);
        }
        return ids;
    }

    /// <summary>Each author asks for the similar list of their draft (k = 50) and records what came back for the set's items.</summary>
    public static async Task<Result> ScoreAsync(RealSet set, Dictionary<string, (Guid Id, string Opd)> ids,
        Func<string, Task<HttpClient>> asnOf, Action<int, int>? progress = null)
    {
        var byProposal = ids.ToDictionary(x => x.Value.Id, x => x.Key);
        var clients = new Dictionary<string, HttpClient>();
        var hits = new Dictionary<string, Dictionary<string, Hit>>();
        foreach (var (item, n) in set.Items.Select((x, n) => (x, n)))
        {
            var (id, opd) = ids[item.Id];
            if (!clients.TryGetValue(opd, out var client)) clients[opd] = client = await asnOf(opd);
            var similar = await client.GetFromJsonAsync<SimilarOnly>($"/api/proposals/{id}/similar?k=50", Json)
                ?? throw new InvalidDataException("no similar list");
            hits[item.Id] = similar.SamePemkab.Where(m => byProposal.ContainsKey(m.ProposalId))
                .ToDictionary(m => byProposal[m.ProposalId], m => new Hit(m.Score, m.LikelyDuplicate));
            progress?.Invoke(n + 1, set.Items.Count);
        }
        return new Result(set, hits);
    }

    /// <summary>Ordered pairs (A asked, B candidate) of distinct items, both in <paramref name="split"/> when given.</summary>
    public static IEnumerable<(Item A, Item B, Hit Hit, bool Same)> Pairs(Result r, string? split = null)
    {
        var items = r.Set.Items.Where(i => split is null || i.Split == split).ToList();
        foreach (var a in items)
            foreach (var b in items)
                if (a.Id != b.Id)
                    yield return (a, b, r.Hits[a.Id].GetValueOrDefault(b.Id, new Hit(0, false)), a.Cluster == b.Cluster);
    }

    public static PairMetrics Metrics(IEnumerable<(bool Predicted, bool Same)> pairs)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (p, s) in pairs)
        {
            if (p && s) tp++;
            else if (p) fp++;
            else if (s) fn++;
        }
        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        return new PairMetrics(tp, fp, fn, precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    public static PairMetrics AtFlag(Result r, string? split = null) => Metrics(Pairs(r, split).Select(p => (p.Hit.Flagged, p.Same)));

    public static PairMetrics AtThreshold(Result r, double t, string? split = null) =>
        Metrics(Pairs(r, split).Select(p => (p.Hit.Score >= t && p.Hit.Score > 0, p.Same)));

    /// <summary>The threshold (step 0.01) with the best F1 on the given pairs.</summary>
    public static (double Threshold, PairMetrics Metrics) Best(Result r, string? split = null)
    {
        var pairs = Pairs(r, split).ToList();
        return Enumerable.Range(1, 99).Select(i => i / 100.0)
            .Select(t => (t, Metrics(pairs.Select(p => (p.Hit.Score >= t && p.Hit.Score > 0, p.Same)))))
            .OrderByDescending(x => x.Item2.F1).ThenBy(x => x.t).First();
    }

    /// <summary>Share of items (in clusters of two or more) whose best-scored other item of the set is in their cluster.</summary>
    public static double NearestInCluster(Result r, string? split = null)
    {
        var items = r.Set.Items.Where(i => split is null || i.Split == split).ToList();
        var sizes = items.GroupBy(i => i.Cluster).ToDictionary(g => g.Key, g => g.Count());
        var byId = items.ToDictionary(i => i.Id);
        var eligible = items.Where(i => sizes[i.Cluster] > 1).ToList();
        var right = eligible.Count(a => r.Hits[a.Id].Where(h => byId.ContainsKey(h.Key)).OrderByDescending(h => h.Value.Score)
            .Select(h => byId[h.Key].Cluster).FirstOrDefault() == a.Cluster);
        return eligible.Count == 0 ? 0 : (double)right / eligible.Count;
    }

    private sealed record IdOnly(Guid Id);
    private sealed record MatchOnly(Guid ProposalId, double Score, bool LikelyDuplicate);
    private sealed record SimilarOnly(List<MatchOnly> SamePemkab);
}
