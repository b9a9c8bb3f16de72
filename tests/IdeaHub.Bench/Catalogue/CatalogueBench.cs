using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Bench.Rankings;
using IdeaHub.Web.Data;
using IdeaHub.Web.Proposals;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IdeaHub.Bench.Catalogue;

/// <summary>
/// catalogue [--n 100000] [--iterations 100] [--data DIR]: generates n proposals (kept for reuse), runs the real app
/// in-process and reports p50/p95 of GET /api/catalogue (words + one filter, as a Kepala OPD) against the naive peer
/// measured in the same run, round-robin: ILIKE '%word%' over the same columns (title, problem, design, goals) with the
/// same filters, visibility and order, as plain SQL without HTTP (which flatters the peer).
/// </summary>
public static class CatalogueBench
{
    private static readonly string[] Syllables = ["ka", "la", "ma", "sa", "ta", "pa", "ra", "na", "ba", "da", "ki", "lu", "me", "so", "tu", "pi", "ro", "ne", "bu", "de"];

    private static string Word(int i) => Syllables[i % 20] + Syllables[i / 20 % 20] + Syllables[i / 400 % 20];

    public static async Task<int> RunAsync(string[] args)
    {
        var n = int.Parse(Option(args, "--n") ?? "100000", CultureInfo.InvariantCulture);
        var iterations = int.Parse(Option(args, "--iterations") ?? "100", CultureInfo.InvariantCulture);
        var dataDir = Option(args, "--data") ?? "/tmp/ideahub-bench-catalogue";
        var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dataDir, Ephemeral = true }, NullLogger.Instance);
        try
        {
            var cs = await pg.CreateDatabaseAsync($"catalogue_{n}");
            var app = await BenchApp.StartAsync(cs);
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            if (await Scalar<long>(conn, "SELECT count(*) FROM pg_tables WHERE tablename = 'bench_meta'") == 0)
            {
                var sw = Stopwatch.StartNew();
                var sql = new StreamReader(typeof(CatalogueBench).Assembly.GetManifestResourceStream("catalogue-bench-data.sql")!).ReadToEnd()
                    .Replace("@n", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                foreach (var chunk in sql.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    await Exec(conn, chunk);
                await Exec(conn, "CREATE TABLE bench_meta AS SELECT now() AS generated_at");
                Console.WriteLine($"Generated {n:N0} proposals in {sw.Elapsed.TotalSeconds:F1} s");
            }
            Console.WriteLine($"proposals: {await Scalar<long>(conn, "SELECT count(*) FROM proposal"):N0}; server: embedded PostgreSQL "
                + $"{await Scalar<string>(conn, "SHOW server_version")}, shared_buffers {await Scalar<string>(conn, "SHOW shared_buffers")}, "
                + $"work_mem {await Scalar<string>(conn, "SHOW work_mem")}; {Environment.ProcessorCount} cores");
            await MeasureAsync(conn, app, iterations);
            return 0;
        }
        finally
        {
            await pg.StopAsync();
        }
    }

    private sealed record Spec(string Label, string Word, string ApiFilter, string SqlFilter);

    private static async Task MeasureAsync(NpgsqlConnection conn, BenchApp app, int iterations)
    {
        var me = await Scalar<Guid>(conn, "SELECT id FROM users WHERE user_name = 'kepala.dinkes'");
        var opd = await Scalar<Guid>(conn, "SELECT opd_id FROM users WHERE user_name = 'kepala.dinkes'");
        var own = await Scalar<Guid>(conn, "SELECT pemkab_id FROM users WHERE user_name = 'kepala.dinkes'");
        var year = DateTime.UtcNow.Year - 1;
        Spec[] specs =
        [
            new("common word", Word(50), "", ""),
            new("word + status", Word(200), "&status=Implemented", "AND p.status = 'Implemented'"),
            new("word + urusan", Word(800), "&urusan=Kesehatan", "AND p.urusan = 'Kesehatan'"),
            new("word + year", Word(2000), $"&year={year}", $"AND p.created_at >= '{year}-01-01Z' AND p.created_at < '{year + 1}-01-01Z'"),
            new("word + outcome", Word(100), "&outcome=Achieved", "AND EXISTS (SELECT 1 FROM proposal_outcome o WHERE o.proposal_id = p.id AND o.state = 'Achieved')"),
            new("word + OPD", Word(5000), $"&opd={opd}", $"AND p.opd_id = '{opd}'"),
        ];
        using var client = await app.ClientAsAsync("kepala.dinkes");
        var ours = specs.Select(s => (Func<Task<int>>)(async () =>
        {
            var res = await client.GetAsync($"/api/catalogue?q={s.Word}{s.ApiFilter}&limit=20");
            res.EnsureSuccessStatusCode();
            return (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength();
        })).ToArray();
        var peer = specs.Select(s => (Func<Task<int>>)(() => NaiveAsync(conn, s, me, opd, own))).ToArray();
        for (var k = 0; k < specs.Length; k++)
            Console.WriteLine($"  {specs[k].Label,-16} '{specs[k].Word}': {await ours[k]()} rows (API page), {await peer[k]()} rows (peer page)");
        var a = new List<double>();
        var b = new List<double>();
        for (var i = 0; i < iterations + 3; i++)
            for (var k = 0; k < specs.Length; k++)
            {
                var sw = Stopwatch.StartNew();
                await ours[k]();
                var t1 = sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                await peer[k]();
                if (i < 3) continue;
                a.Add(t1);
                b.Add(sw.Elapsed.TotalMilliseconds);
            }
        var (a50, a95) = Percentiles(a);
        var (b50, b95) = Percentiles(b);
        Console.WriteLine($"\n{iterations} rounds × {specs.Length} queries after 3 warm-up rounds, round-robin\n");
        Console.WriteLine("| what | p50 ms | p95 ms |\n| --- | ---: | ---: |");
        Console.WriteLine($"| GET /api/catalogue (search_tsv GIN, keyset, through HTTP + JSON) | {a50:F1} | {a95:F1} |");
        Console.WriteLine($"| naive peer: ILIKE '%word%' on title/problem/design/goals, same filters (SQL only) | {b50:F1} | {b95:F1} |");
        Console.WriteLine($"\nAPI p95 / ILIKE p95 = {a95 / b95:F3} (target ≤ 0.2)");
        Console.WriteLine($"Load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    /// <summary>The same question answered the naive way: the caller's visibility written out as SQL, ILIKE for the words.</summary>
    private static async Task<int> NaiveAsync(NpgsqlConnection conn, Spec s, Guid me, Guid opd, Guid own)
    {
        string[] Seen(ProposalRelation r) => ProposalAccess.SeenBy.Where(x => (x.Value & r) != 0).Select(x => x.Key.ToString()).ToArray();
        var sql = $"""
            SELECT p.id, p.title, p.created_at FROM proposal p
            WHERE (p.title ILIKE @w OR p.problem ILIKE @w OR p.design ILIKE @w OR p.goals ILIKE @w) {s.SqlFilter}
              AND ((p.pemkab_id = @own AND (p.author_id = @me OR p.status = ANY(@anyone) OR (p.status = ANY(@head) AND p.opd_id = @opd)
                    OR (p.status = ANY(@panel) AND p.opd_id <> @opd)))
                   OR (p.pemkab_id <> @own AND p.merged_into_id IS NULL AND p.status = ANY(@prior)))
            ORDER BY p.created_at DESC, p.id DESC LIMIT 21
            """;
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("w", $"%{s.Word}%");
        cmd.Parameters.AddWithValue("own", own);
        cmd.Parameters.AddWithValue("me", me);
        cmd.Parameters.AddWithValue("opd", opd);
        cmd.Parameters.AddWithValue("anyone", Seen(ProposalRelation.Member));
        cmd.Parameters.AddWithValue("head", Seen(ProposalRelation.KepalaOfOpd));
        cmd.Parameters.AddWithValue("panel", Seen(ProposalRelation.Panel));
        cmd.Parameters.AddWithValue("prior", ProposalAccess.PriorArtStatuses.Select(x => x.ToString()).ToArray());
        var rows = 0;
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows++;
        return Math.Min(rows, 20);
    }

    private static (double P50, double P95) Percentiles(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return (sorted[(int)(sorted.Length * 0.50)], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.95) - 1)]);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
