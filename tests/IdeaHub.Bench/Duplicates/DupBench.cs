using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IdeaHub.Tests.Duplicates;
using IdeaHub.Web.Data;
using IdeaHub.Web.Duplicates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace IdeaHub.Bench.Duplicates;

/// <summary>
/// dup-bench [--n 100000] [--queries 200] [--data DIR] [--prepare] [--build-workers 1] [--shared-buffers 4GB] [--prewarm]: loads N generated proposals with
/// lexical embeddings by COPY, builds the HNSW index, then measures top-10 latency in SQL (HNSW vs the exact scan, same run) and through the API
/// (POST /api/similar, the full hybrid query over real HTTP), and HNSW recall@10 against the exact scan.
/// With --data DIR the cluster is kept in DIR and a later run with the same --n reuses the loaded data and index
/// (its recorded load and build times are printed again); --prepare loads and builds only, so a large data set can
/// be prepared outside a quiet measuring window.
/// </summary>
internal static class DupBench
{
    private static readonly int[] EfSearch = [40, 100, 200, 400];

    public static async Task<int> RunAsync(string[] args)
    {
        var n = Arg(args, "--n", 100_000);
        var queries = Arg(args, "--queries", 200);
        var workers = Arg(args, "--build-workers", 1);
        var keepDir = StringArg(args, "--data");
        var prepareOnly = args.Contains("--prepare");
        var set = DuplicateEvaluation.Load(Path.Combine(AppContext.BaseDirectory, "Duplicates", "data", "duplicate-pairs.json"));
        var dir = keepDir is null ? Path.Combine(Path.GetTempPath(), $"ideahub-dupbench-{Environment.ProcessId}") : Path.GetFullPath(keepDir);
        // Ephemeral: fsync off. A kept data directory survives clean stops; after a crash, delete it and prepare again.
        var pgOptions = new EmbeddedPostgresOptions { DataDirectory = dir, Ephemeral = true };
        var pg = await EmbeddedPostgres.StartAsync(pgOptions, NullLogger.Instance);
        try
        {
            if (StringArg(args, "--shared-buffers") is { } sharedBuffers && await SetSharedBuffersAsync(pg, sharedBuffers))
            {
                await pg.StopAsync(); // shared_buffers takes effect at the next start
                pg = await EmbeddedPostgres.StartAsync(pgOptions, NullLogger.Instance);
            }
            var cs = await pg.CreateDatabaseAsync($"dupbench_{n}");
            await using var app = new BenchApp(cs);
            var baseUrl = app.Start();
            // PersistSecurityInfo: the loader builds the scorer's own data source from db.ConnectionString, which needs the password.
            await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cs) { CommandTimeout = 0, PersistSecurityInfo = true }.ConnectionString);
            var sw = Stopwatch.StartNew();
            Console.WriteLine($"# dup-bench: {n:N0} proposals, {queries} queries, {Environment.ProcessorCount} cores");

            var loaded = await DupBenchLoad.LoadedAsync(db, n);
            if (loaded is null)
            {
                await DupBenchLoad.LoadAndBuildAsync(db, set, n, workers);
                loaded = await DupBenchLoad.LoadedAsync(db, n) ?? throw new InvalidOperationException("bench data not recorded");
            }
            else
                Console.WriteLine($"Reusing the data set loaded {loaded.LoadedAt:yyyy-MM-dd HH:mm} UTC in {dir} (same generator and seed):");
            Console.WriteLine($"Embedding {n:N0} texts (lexical, 2 threads): {loaded.EmbedSeconds:0.0} s; COPY proposals + vectors: {loaded.CopySeconds:0.0} s; "
                + $"full-text GIN index: {loaded.GinSeconds:0.0} s");
            var size = await Scalar<long>(db, "SELECT pg_relation_size('ix_proposal_embedding_hnsw_lexical_v2')");
            var table = await Scalar<long>(db, "SELECT pg_total_relation_size('proposal_embedding')");
            Console.WriteLine($"HNSW build (m 16, ef_construction 64, {loaded.Settings}): {loaded.BuildSeconds:0.0} s, index {size / 1048576.0:0.0} MiB "
                + $"(vectors table with indexes {table / 1048576.0:0.0} MiB)");
            Console.WriteLine($"Server: shared_buffers {await Scalar<string>(db, "SHOW shared_buffers")}, work_mem {await Scalar<string>(db, "SHOW work_mem")}");
            if (prepareOnly) return 0;
            if (args.Contains("--prewarm"))
            {
                // A long-running server has its hot index and rows cached; a fresh start does not. Loads them into
                // shared buffers (as far as they fit) before any timing, for every query row alike.
                sw = Stopwatch.StartNew();
                await Exec(db, "CREATE EXTENSION IF NOT EXISTS pg_prewarm");
                var pages = await Scalar<long>(db, """
                    SELECT sum(pg_prewarm(c))::bigint FROM unnest(ARRAY['ix_proposal_embedding_hnsw_lexical_v2', 'ix_proposal_embedding_pemkab',
                      'pk_proposal_embedding', 'ix_proposal_search_tsv', 'pk_proposal']::regclass[]) c
                    """);
                Console.WriteLine($"Prewarmed {pages * 8 / 1024.0:N0} MiB (HNSW, full-text GIN and key indexes; tables stay in the OS cache) in {sw.Elapsed.TotalSeconds:0.0} s");
            }

            var corpus = new BenchCorpus(set, 2);
            var qs = Enumerable.Range(0, queries).Select(_ => corpus.Next()).ToList();
            var vectors = qs.Select(q => LexicalV2Embedder.Embed(DuplicateIndex.ComposeText(q.Title, q.Problem, q.Design, q.Goals))).ToList();
            var exact = await TopTenAsync(db, vectors, "SET enable_indexscan = off; SET enable_bitmapscan = off;", "exact scan");
            Console.WriteLine("\n| query | p50 ms | p95 ms | p99 ms | recall@10 vs exact |\n|---|---|---|---|---|");
            Console.WriteLine(Row("SQL exact scan (peer)", exact.Latencies, 1));
            var hnsw200 = new List<double>();
            foreach (var ef in EfSearch)
            {
                var hnsw = await TopTenAsync(db, vectors, $"SET enable_indexscan = on; SET hnsw.ef_search = {ef};", $"HNSW ef_search {ef}");
                if (ef == 200) hnsw200 = hnsw.Latencies;
                var recall = hnsw.Ids.Zip(exact.Ids, (h, e) => h.Intersect(e).Count() / (double)Math.Max(1, e.Count)).Average();
                Console.WriteLine(Row($"SQL HNSW, ef_search {ef}", hnsw.Latencies, recall));
            }
            var (active, embedding) = await PartsAsync(app, qs);
            Console.WriteLine(Row("part: active embedder lookup (1 round trip)", active, double.NaN));
            Console.WriteLine(Row("part: lexical embedding of the query text (C#)", embedding, double.NaN));
            var scorer = await ScorerAsync(app, db, qs);
            Console.WriteLine(Row("SimilarityScorer.FindAsync in process (hybrid, k 10, no HTTP)", scorer, double.NaN));
            var api = await ApiAsync(baseUrl, qs);
            Console.WriteLine(Row("API POST /api/similar (hybrid, k 10, ef_search 200)", api, double.NaN));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\nAPI p95 / SQL HNSW ef_search 200 p95 = {P95(api) / P95(hnsw200):0.00} (target ≤ 1.5); load average {LoadAverage()}"));
            Console.WriteLine($"\nExact-scan p50 / HNSW p50 is the speed-up; the API adds full-text candidates, fusion, explanations, HTTP, auth and JSON.");
            if (args.Contains("--keep"))
            {
                Console.WriteLine($"Database kept for inspection: {cs}\nPress Enter to stop.");
                Console.ReadLine();
            }
            return 0;
        }
        finally
        {
            await pg.StopAsync();
            if (keepDir is null)
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Sets shared_buffers for the next start of the cluster; true if that changes it.</summary>
    private static async Task<bool> SetSharedBuffersAsync(EmbeddedPostgres pg, string size)
    {
        await using var conn = new NpgsqlConnection(pg.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_size_bytes(current_setting('shared_buffers')) <> pg_size_bytes(@s)", conn);
        cmd.Parameters.AddWithValue("s", size);
        if (!(bool)(await cmd.ExecuteScalarAsync())!) return false;
        await using var set = new NpgsqlCommand($"ALTER SYSTEM SET shared_buffers = '{size.Replace("'", "", StringComparison.Ordinal)}'", conn);
        await set.ExecuteNonQueryAsync();
        return true;
    }

    private sealed record TopTen(List<double> Latencies, List<List<Guid>> Ids);

    private static async Task<TopTen> TopTenAsync(NpgsqlDataSource db, List<float[]> vectors, string settings, string label)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var set = new NpgsqlCommand(settings, conn)) await set.ExecuteNonQueryAsync();
        var result = new TopTen([], []);
        for (var i = -5; i < vectors.Count; i++)
        {
            await using var cmd = new NpgsqlCommand("""
                SELECT proposal_id FROM proposal_embedding WHERE embedder_id = 'lexical-v2'
                ORDER BY embedding::vector(384) <=> (@v::real[]::vector(384)) LIMIT 10
                """, conn);
            cmd.Parameters.Add(new NpgsqlParameter("v", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = vectors[Math.Max(i, 0)] });
            var sw = Stopwatch.StartNew();
            var ids = new List<Guid>();
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync()) ids.Add(r.GetGuid(0));
            if (i < 0) continue; // warm-up
            result.Latencies.Add(sw.Elapsed.TotalMilliseconds);
            result.Ids.Add(ids);
            Progress.Bar(label, i + 1, vectors.Count);
        }
        return result;
    }

    /// <summary>Two parts of the hybrid search timed alone: the active-embedder lookup and embedding the query text.</summary>
    private static async Task<(List<double> Active, List<double> Embedding)> PartsAsync(BenchApp app, List<(string Title, string Problem, string Design, string Goals)> qs)
    {
        var catalog = app.Services.GetRequiredService<EmbedderCatalog>();
        var (active, embedding) = (new List<double>(), new List<double>());
        for (var i = -5; i < qs.Count; i++)
        {
            var q = qs[Math.Max(i, 0)];
            var sw = Stopwatch.StartNew();
            var e = await catalog.ActiveAsync();
            var t1 = sw.Elapsed.TotalMilliseconds;
            await e.Generator.GenerateAsync([$"{q.Title}\n{q.Problem}\n{q.Design}\n{q.Goals}"]);
            if (i < 0) continue;
            active.Add(t1);
            embedding.Add(sw.Elapsed.TotalMilliseconds - t1);
        }
        return (active, embedding);
    }

    /// <summary>The same hybrid search as the API, called in process as the API user: the API's cost without HTTP, auth and JSON.</summary>
    private static async Task<List<double>> ScorerAsync(BenchApp app, NpgsqlDataSource db, List<(string Title, string Problem, string Design, string Goals)> qs)
    {
        await using var cmd = db.CreateCommand("SELECT pemkab_id, opd_id FROM users WHERE user_name = 'asn.dinkes'");
        await using var r = await cmd.ExecuteReaderAsync();
        if (!await r.ReadAsync()) throw new InvalidOperationException("asn.dinkes not seeded");
        var caller = new SimilarityCaller(r.GetGuid(0), r.GetGuid(1));
        var scorer = app.Services.GetRequiredService<SimilarityScorer>();
        var latencies = new List<double>();
        for (var i = -5; i < qs.Count; i++)
        {
            var q = qs[Math.Max(i, 0)];
            var sw = Stopwatch.StartNew();
            await scorer.FindAsync(caller, new SimilarityQuery(q.Title, $"{q.Title}\n{q.Problem}\n{q.Design}\n{q.Goals}", null, 10));
            if (i < 0) continue;
            latencies.Add(sw.Elapsed.TotalMilliseconds);
            Progress.Bar("scorer", i + 1, qs.Count);
        }
        return latencies;
    }

    private static async Task<List<double>> ApiAsync(string baseUrl, List<(string Title, string Problem, string Design, string Goals)> qs)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var token = await http.PostAsJsonAsync("/api/auth/token", new { userName = "asn.dinkes", password = BenchApp.Password });
        token.EnsureSuccessStatusCode();
        var access = (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var latencies = new List<double>();
        for (var i = -5; i < qs.Count; i++)
        {
            var q = qs[Math.Max(i, 0)];
            var sw = Stopwatch.StartNew();
            using var res = await http.PostAsJsonAsync("/api/similar", new { title = q.Title, text = $"{q.Problem}\n{q.Design}\n{q.Goals}", k = 10 });
            res.EnsureSuccessStatusCode();
            await res.Content.ReadAsByteArrayAsync();
            if (i < 0) continue;
            latencies.Add(sw.Elapsed.TotalMilliseconds);
            Progress.Bar("API", i + 1, qs.Count);
        }
        return latencies;
    }

    private static double P95(List<double> ms) => ms.Order().ElementAt(Math.Min(ms.Count - 1, (int)Math.Ceiling(0.95 * ms.Count) - 1));

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string Row(string label, List<double> ms, double recall)
    {
        var sorted = ms.Order().ToList();
        double P(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        var r = double.IsNaN(recall) ? "—" : recall.ToString("0.000", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"| {label} | {P(0.50):0.0} | {P(0.95):0.0} | {P(0.99):0.0} | {r} |");
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static async Task Exec(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
