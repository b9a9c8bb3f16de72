using System.Text.Json;
using IdeaHub.Web.Duplicates;
using Npgsql;

namespace IdeaHub.Tests.Duplicates;

/// <summary>
/// Runs the real scorer over the labelled pairs in data/duplicate-pairs.json: loads every text as a proposal of an
/// evaluation Pemkab (one OPD per author, as in the set), embeds them through the real queue, then asks the
/// scorer for each pair's first text and reads the second one's signals. Shared by the regression test and
/// <c>IdeaHub.Bench dup-eval</c> (linked source).
/// </summary>
public static class DuplicateEvaluation
{
    public sealed record Item(string Id, string Family, string Opd, string Urusan, string Title, string Problem, string Design, string Goals);
    public sealed record Pair(string A, string B, string Label, string Kind);
    public sealed record LabelledSet(List<Item> Items, List<Pair> Pairs);
    public sealed record Scored(Pair Pair, string Family, double Vector, double Text, double Title, double Score = 0, bool Flagged = false);
    public sealed record Metrics(double Threshold, double Precision, double Recall, double F1, int Tp, int Fp, int Fn);
    public sealed record Weights(double Vector, double Text, double Title)
    {
        public double Fuse(Scored s) => Vector * Math.Max(s.Vector, 0) + Text * s.Text + Title * s.Title;
    }

    public const string PemkabCode = "kab-evaluasi";

    public static LabelledSet Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, "Duplicates", "data", "duplicate-pairs.json");
        var json = JsonSerializer.Deserialize<LabelledSet>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return json ?? throw new InvalidDataException(path);
    }

    /// <summary>Creates the evaluation Pemkab with the set's OPDs and one author each, and inserts every text; returns proposal ids.</summary>
    public static async Task<(Guid PemkabId, Dictionary<string, Guid> Ids)> InsertAsync(NpgsqlDataSource db, LabelledSet set)
    {
        var pemkab = Guid.CreateVersion7();
        await using (var cmd = db.CreateCommand("INSERT INTO pemkab (id, code, name, kind, time_zone) VALUES (@id, @code, 'Kabupaten Evaluasi', 'Kabupaten', 'Asia/Jakarta')"))
        {
            cmd.Parameters.AddWithValue("id", pemkab);
            cmd.Parameters.AddWithValue("code", PemkabCode + "-" + pemkab.ToString("N")[..8]);
            await cmd.ExecuteNonQueryAsync();
        }
        var authors = new Dictionary<string, (Guid Opd, Guid User)>();
        foreach (var code in set.Items.Select(i => i.Opd).Distinct())
        {
            var (opd, user) = (Guid.CreateVersion7(), Guid.CreateVersion7());
            await using var cmd = db.CreateCommand("""
                INSERT INTO opd (id, pemkab_id, code, name, is_active) VALUES (@opd, @pemkab, @code, @code, true);
                INSERT INTO users (id, pemkab_id, opd_id, full_name, is_active, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                VALUES (@user, @pemkab, @opd, @code, true, true, false, false, false, 0);
                """);
            cmd.Parameters.AddWithValue("opd", opd);
            cmd.Parameters.AddWithValue("user", user);
            cmd.Parameters.AddWithValue("pemkab", pemkab);
            cmd.Parameters.AddWithValue("code", code);
            await cmd.ExecuteNonQueryAsync();
            authors[code] = (opd, user);
        }
        var ids = new Dictionary<string, Guid>();
        foreach (var item in set.Items)
        {
            var id = Guid.CreateVersion7();
            await using var cmd = db.CreateCommand("""
                INSERT INTO proposal (id, pemkab_id, opd_id, author_id, title, stage, initiator, kind, form, urusan, problem, design, goals, benefits, results, status, revision_number)
                VALUES (@id, @pemkab, @opd, @author, @title, 'Inisiatif', 'Asn', 'Digital', 'PelayananPublik', @urusan, @problem, @design, @goals, '', '', 'Submitted', 1)
                """);
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("pemkab", pemkab);
            cmd.Parameters.AddWithValue("opd", authors[item.Opd].Opd);
            cmd.Parameters.AddWithValue("author", authors[item.Opd].User);
            cmd.Parameters.AddWithValue("title", item.Title);
            cmd.Parameters.AddWithValue("urusan", item.Urusan);
            cmd.Parameters.AddWithValue("problem", item.Problem);
            cmd.Parameters.AddWithValue("design", item.Design);
            cmd.Parameters.AddWithValue("goals", item.Goals);
            await cmd.ExecuteNonQueryAsync();
            ids[item.Id] = id;
        }
        return (pemkab, ids);
    }

    /// <summary>Asks the scorer for each pair's first text (as a proposal, k = 50) and records the second text's signals (0 if not retrieved).</summary>
    public static async Task<List<Scored>> ScoreAsync(SimilarityScorer scorer, Guid pemkab, LabelledSet set, Dictionary<string, Guid> ids,
        Action<int, int>? progress = null)
    {
        var items = set.Items.ToDictionary(i => i.Id);
        var cache = new Dictionary<string, SimilarResult>();
        var scored = new List<Scored>();
        foreach (var (pair, n) in set.Pairs.Select((p, n) => (p, n)))
        {
            if (!cache.TryGetValue(pair.A, out var result))
            {
                var a = items[pair.A];
                var text = DuplicateIndex.ComposeText(a.Title, a.Problem, a.Design, a.Goals);
                cache[pair.A] = result = await scorer.FindAsync(new SimilarityCaller(pemkab, null), new SimilarityQuery(a.Title, text, ids[pair.A], 50, TextIsStored: true));
            }
            var m = result.SamePemkab.FirstOrDefault(x => x.ProposalId == ids[pair.B]);
            scored.Add(new Scored(pair, items[pair.A].Family, m?.Vector ?? 0, m?.Text ?? 0, m?.TitleSimilarity ?? 0, m?.Score ?? 0, m?.LikelyDuplicate ?? false));
            progress?.Invoke(n + 1, set.Pairs.Count);
        }
        return scored;
    }

    public static Metrics At(IEnumerable<(double Score, bool Duplicate)> xs, double threshold)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (s, dup) in xs)
        {
            if (s >= threshold && dup) tp++;
            else if (s >= threshold) fp++;
            else if (dup) fn++;
        }
        var p = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var r = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        return new Metrics(threshold, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), tp, fp, fn);
    }

    /// <summary>Precision, recall and F1 of the app's own flag (likelyDuplicate).</summary>
    public static Metrics AtFlag(IEnumerable<Scored> xs) => At(xs.Select(s => (s.Flagged ? 1.0 : 0.0, s.Pair.Label == "duplicate")), 0.5);

    public static IEnumerable<(double, bool)> Points(IEnumerable<Scored> xs, Func<Scored, double> score) =>
        xs.Select(s => (score(s), s.Pair.Label == "duplicate"));

    public static List<Metrics> Curve(IEnumerable<Scored> xs, Func<Scored, double> score, double from = 0.1, double to = 0.9, double step = 0.05)
    {
        var pts = Points(xs, score).ToList();
        var list = new List<Metrics>();
        for (var t = from; t <= to + 1e-9; t += step) list.Add(At(pts, Math.Round(t, 3)));
        return list;
    }

    public static Metrics Best(IEnumerable<Scored> xs, Func<Scored, double> score) =>
        Curve(xs, score, 0.05, 0.95, 0.01).OrderByDescending(m => m.F1).ThenBy(m => m.Threshold).First();

    /// <summary>Grid search of weights (summing to 1) and threshold on the given pairs.</summary>
    public static (Weights Weights, Metrics Metrics) Tune(IReadOnlyList<Scored> xs)
    {
        var best = (new Weights(0.5, 0.3, 0.2), new Metrics(0, 0, 0, -1, 0, 0, 0));
        for (var wv = 0.0; wv <= 1.0001; wv += 0.05)
            for (var wt = 0.0; wv + wt <= 1.0001; wt += 0.05)
            {
                var w = new Weights(Math.Round(wv, 2), Math.Round(wt, 2), Math.Round(1 - wv - wt, 2));
                var m = Best(xs, w.Fuse);
                if (m.F1 > best.Item2.F1) best = (w, m);
            }
        return best;
    }
}
