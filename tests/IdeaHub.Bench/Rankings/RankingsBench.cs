using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using IdeaHub.Web.Data;
using IdeaHub.Web.Rankings;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IdeaHub.Bench.Rankings;

/// <summary>
/// rankings [--scale 0.1] [--iterations 100] [--data DIR] [--close-months 23] [--live-month yyyy-MM]: generates scale × (1,000,000 proposals and about
/// 10,000,000 reviews + votes) in a bench database (kept for reuse), runs the real app in-process and reports
/// p50/p95 of the dashboard and ranking API against the naive raw-row queries measured in the same run, then the
/// open month's reads right after a write (cache recomputed). --close-months (at generation) closes fewer past months,
/// so that --live-month can measure a whole unclosed month (month-end volume) on the live path instead of the current one.
/// </summary>
public static class RankingsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scale = double.Parse(Option(args, "--scale") ?? "0.1", CultureInfo.InvariantCulture);
        var iterations = int.Parse(Option(args, "--iterations") ?? "100", CultureInfo.InvariantCulture);
        var dataDir = Option(args, "--data") ?? "/tmp/ideahub-bench-rankings";
        var closeMonths = int.Parse(Option(args, "--close-months") ?? "23", CultureInfo.InvariantCulture);
        MonthKey? liveMonth = MonthKey.TryParse(Option(args, "--live-month"), out var lm) ? lm : null;
        var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dataDir, Ephemeral = true }, NullLogger.Instance);
        try
        {
            var cs = await pg.CreateDatabaseAsync($"rankings_{(int)Math.Round(scale * 1000)}");
            var app = await BenchApp.StartAsync(cs);
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            if (await Scalar<long>(conn, "SELECT count(*) FROM pg_tables WHERE tablename = 'bench_meta'") == 0)
                await GenerateAsync(conn, app, scale, closeMonths);
            else
                Console.WriteLine("Reusing generated data (drop the database or --data dir to regenerate).");
            await ReportCountsAsync(conn);
            await MeasureAsync(conn, app, iterations, liveMonth);
            return 0;
        }
        finally
        {
            await pg.StopAsync();
        }
    }

    private static async Task GenerateAsync(NpgsqlConnection conn, BenchApp app, double scale, int closeMonths)
    {
        var proposals = (int)(1_000_000 * scale);
        Console.WriteLine($"Generating: {proposals:N0} proposals (scale {scale})");
        var sql = new StreamReader(typeof(RankingsBench).Assembly.GetManifestResourceStream("rankings-bench-data.sql")!).ReadToEnd()
            .Replace("@proposals", proposals.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var total = Stopwatch.StartNew();
        foreach (var chunk in sql.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var sw = Stopwatch.StartNew();
            await Exec(conn, chunk);
            var first = chunk.Split('\n').First(l => !l.StartsWith("--", StringComparison.Ordinal));
            Console.WriteLine($"  {sw.Elapsed.TotalSeconds,7:F1} s  {first[..Math.Min(70, first.Length)]}");
        }
        await Time("rebuild ranking_aggregate (set-based, all regencies)", async () => { await AggregateRebuild.RebuildAsync(conn, null); });
        await Time("VACUUM ANALYZE", () => Exec(conn, "VACUUM ANALYZE"));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        var open = MonthKey.Of(DateTimeOffset.UtcNow, zone);
        await Time($"close the {closeMonths} oldest past months of kab-tegal through POST /api/rankings/{{m}}/close", async () =>
        {
            using var admin = await app.ClientAsAsync("admin");
            for (var i = 23; i > 23 - closeMonths; i--)
            {
                var res = await admin.PostAsync($"/api/rankings/{open.AddMonths(-i)}/close", null);
                if (res.StatusCode != System.Net.HttpStatusCode.Conflict) res.EnsureSuccessStatusCode(); // demo data closed some already
            }
        });
        await Exec(conn, $"CREATE TABLE bench_meta AS SELECT {scale.ToString(CultureInfo.InvariantCulture)}::float8 AS scale, now() AS generated_at, {total.Elapsed.TotalSeconds.ToString(CultureInfo.InvariantCulture)}::float8 AS seconds");
        Console.WriteLine($"Generation total: {total.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task ReportCountsAsync(NpgsqlConnection conn)
    {
        foreach (var t in new[] { "proposal", "review", "review_score", "vote", "ranking_aggregate", "ranking_snapshot" })
            Console.WriteLine($"  {t,-18} {await Scalar<long>(conn, $"SELECT count(*) FROM {t}"),14:N0}");
        Console.WriteLine($"  kab-tegal proposals {await Scalar<long>(conn, "SELECT count(*) FROM proposal p JOIN pemkab k ON k.id = p.pemkab_id WHERE k.code = 'kab-tegal'"),12:N0}");
    }

    private static async Task MeasureAsync(NpgsqlConnection conn, BenchApp app, int n, MonthKey? liveMonth)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        var current = MonthKey.Of(DateTimeOffset.UtcNow, zone);
        var open = liveMonth ?? current;
        var closed = current.AddMonths(-3);
        var pemkab = await Scalar<Guid>(conn, "SELECT id FROM pemkab WHERE code = 'kab-tegal'");
        using var bupati = await app.ClientAsAsync("bupati");
        var probe = (await bupati.GetFromJsonAsync<RankingPage>($"/api/rankings/{open}?limit=1"))!;
        if (probe.Closed) throw new InvalidOperationException($"{open} is closed in this data set: pick an unclosed --live-month.");
        var ranked = probe.Total;
        Console.WriteLine($"\nOpen month {open}: {ranked:N0} ranked proposals in kab-tegal; {n} sequential requests each after 10 warm-up\n");
        (string Label, Func<Task> Op)[] ops =
        [
            ($"GET /api/rankings/{open}?limit=100 (open month, live, cached between writes)", () => Get(bupati, $"/api/rankings/{open}?limit=100")),
            ($"GET /api/rankings/{closed}?limit=100 (closed month, snapshot)", () => Get(bupati, $"/api/rankings/{closed}?limit=100")),
            ($"GET /api/rankings/{open}/dashboard (JSON)", () => Get(bupati, $"/api/rankings/{open}/dashboard")),
            ($"GET /Dashboard?month={open} (HTML, open month)", () => Get(bupati, $"/Dashboard?month={open}")),
            ($"GET /Dashboard?month={closed} (HTML, closed month)", () => Get(bupati, $"/Dashboard?month={closed}")),
            ("naive peer: open-month ranking from raw reviews/scores/votes (SQL + ranking, no HTTP)",
                () => NaiveQueries.RankingAsync(conn, pemkab, open, zone)),
            ("naive peer: that ranking + 12 live months of cohort stats (SQL, no HTTP)",
                async () => { await NaiveQueries.RankingAsync(conn, pemkab, open, zone); await NaiveQueries.TwelveMonthStatsAsync(conn, pemkab, open, zone); }),
        ];
        // Round-robin, so that load from other processes on the machine falls on every variant alike.
        foreach (var (_, op) in ops) for (var i = 0; i < 10; i++) await op();
        var samples = ops.Select(_ => new double[n]).ToArray();
        for (var i = 0; i < n; i++)
            for (var k = 0; k < ops.Length; k++)
            {
                var sw = Stopwatch.StartNew();
                await ops[k].Op();
                samples[k][i] = sw.Elapsed.TotalMilliseconds;
            }
        Console.WriteLine("| what | p50 ms | p95 ms |\n| --- | ---: | ---: |");
        for (var k = 0; k < ops.Length; k++) Row(ops[k].Label, Percentiles(samples[k]));
        await AfterWritesAsync(conn, bupati, pemkab, open, n);
        Console.WriteLine($"\nLoad average at the end: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores)");
    }

    /// <summary>
    /// The reads above repeat with no write in between, so the open month is served from its cache. Here every
    /// measured read follows a write: one open-month vote flipped in SQL (its triggers refresh the aggregate and bump
    /// the regency's counter), so the read must recompute. Flipped twice per round, the data ends as it began.
    /// </summary>
    private static async Task AfterWritesAsync(NpgsqlConnection conn, HttpClient bupati, Guid pemkab, MonthKey open, int n)
    {
        var vote = await Scalar<Guid>(conn, $"SELECT id FROM vote WHERE pemkab_id = '{pemkab}' AND month = '{open}' ORDER BY id LIMIT 1");
        var flip = $"UPDATE vote SET support = NOT support WHERE id = '{vote}'";
        string[] urls = [$"/api/rankings/{open}?limit=100", $"/Dashboard?month={open}"];
        var samples = urls.Select(_ => new double[n]).ToArray();
        for (var i = 0; i < n; i++)
            for (var k = 0; k < urls.Length; k++)
            {
                await Exec(conn, flip);
                var sw = Stopwatch.StartNew();
                await Get(bupati, urls[k]);
                samples[k][i] = sw.Elapsed.TotalMilliseconds;
            }
        Console.WriteLine($"\nEach read right after a write (an open-month vote flipped), {n} rounds:\n");
        Console.WriteLine("| what | p50 ms | p95 ms |\n| --- | ---: | ---: |");
        for (var k = 0; k < urls.Length; k++) Row($"GET {urls[k]} right after a vote (recomputed)", Percentiles(samples[k]));
    }

    private static async Task Get(HttpClient client, string url) => (await client.GetAsync(url)).EnsureSuccessStatusCode();

    private static (double P50, double P95) Percentiles(double[] samples)
    {
        var sorted = samples.Order().ToArray();
        return (sorted[(int)(sorted.Length * 0.50)], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.95) - 1)]);
    }

    private static void Row(string label, (double P50, double P95) p) => Console.WriteLine($"| {label} | {p.P50:F1} | {p.P95:F1} |");

    private static async Task Time(string label, Func<Task> op)
    {
        var sw = Stopwatch.StartNew();
        await op();
        Console.WriteLine($"  {sw.Elapsed.TotalSeconds,7:F1} s  {label}");
    }

    internal static async Task Exec(NpgsqlConnection conn, string sql)
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
