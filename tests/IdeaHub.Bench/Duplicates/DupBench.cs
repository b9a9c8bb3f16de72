using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
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
    private const int PerPemkab = 2000;
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
            await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cs) { CommandTimeout = 0 }.ConnectionString);
            var sw = Stopwatch.StartNew();
            Console.WriteLine($"# dup-bench: {n:N0} proposals, {queries} queries, {Environment.ProcessorCount} cores");

            var loaded = await LoadedAsync(db, n);
            if (loaded is null)
            {
                await LoadAndBuildAsync(db, set, n, workers);
                loaded = await LoadedAsync(db, n) ?? throw new InvalidOperationException("bench data not recorded");
            }
            else
                Console.WriteLine($"Reusing the data set loaded {loaded.LoadedAt:yyyy-MM-dd HH:mm} UTC in {dir} (same generator and seed):");
            Console.WriteLine($"Embedding {n:N0} texts (lexical, 2 threads): {loaded.EmbedSeconds:0.0} s; COPY proposals + vectors: {loaded.CopySeconds:0.0} s; "
                + $"full-text GIN index: {loaded.GinSeconds:0.0} s");
            var size = await Scalar<long>(db, "SELECT pg_relation_size('ix_proposal_embedding_hnsw_lexical_v1')");
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
                    SELECT sum(pg_prewarm(c))::bigint FROM unnest(ARRAY['ix_proposal_embedding_hnsw_lexical_v1', 'ix_proposal_embedding_pemkab',
                      'pk_proposal_embedding', 'ix_proposal_search_tsv', 'pk_proposal']::regclass[]) c
                    """);
                Console.WriteLine($"Prewarmed {pages * 8 / 1024.0:N0} MiB (HNSW, full-text GIN and key indexes; tables stay in the OS cache) in {sw.Elapsed.TotalSeconds:0.0} s");
            }

            var corpus = new BenchCorpus(set, 2);
            var qs = Enumerable.Range(0, queries).Select(_ => corpus.Next()).ToList();
            var vectors = qs.Select(q => LexicalEmbedder.Embed(DuplicateIndex.ComposeText(q.Title, q.Problem, q.Design, q.Goals))).ToList();
            var exact = await TopTenAsync(db, vectors, "SET enable_indexscan = off; SET enable_bitmapscan = off;", "exact scan");
            Console.WriteLine("\n| query | p50 ms | p95 ms | p99 ms | recall@10 vs exact |\n|---|---|---|---|---|");
            Console.WriteLine(Row("SQL exact scan (peer)", exact.Latencies, 1));
            foreach (var ef in EfSearch)
            {
                var hnsw = await TopTenAsync(db, vectors, $"SET enable_indexscan = on; SET hnsw.ef_search = {ef};", $"HNSW ef_search {ef}");
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

    private sealed record Loaded(DateTime LoadedAt, double EmbedSeconds, double CopySeconds, double GinSeconds, double BuildSeconds, string Settings);

    /// <summary>The load record of a complete earlier run on this database (a kept --data directory), if its HNSW index is valid.</summary>
    private static async Task<Loaded?> LoadedAsync(NpgsqlDataSource db, int n)
    {
        if (await Scalar<object>(db, "SELECT to_regclass('dupbench_load')::text") is not string) return null;
        await using var cmd = db.CreateCommand("""
            SELECT loaded_at, embed_s, copy_s, gin_s, build_s, settings FROM dupbench_load
            WHERE n = @n AND EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = to_regclass('ix_proposal_embedding_hnsw_lexical_v1') AND i.indisvalid)
            """);
        cmd.Parameters.AddWithValue("n", n);
        await using var r = await cmd.ExecuteReaderAsync();
        return await r.ReadAsync() ? new Loaded(r.GetDateTime(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetString(5)) : null;
    }

    private static async Task LoadAndBuildAsync(NpgsqlDataSource db, DuplicateEvaluation.LabelledSet set, int n, int workers)
    {
        if (await Scalar<long>(db, "SELECT count(*) FROM pemkab WHERE code LIKE 'bench-%'") > 0)
            throw new InvalidOperationException("This database holds an incomplete bench load; delete the --data directory and start again.");
        var authors = await CreateAuthorsAsync(db, n);
        // Loading into a live HNSW or GIN index is far slower than building it once afterwards.
        await Exec(db, "DROP INDEX IF EXISTS ix_proposal_embedding_hnsw_lexical_v1; DROP INDEX IF EXISTS ix_proposal_search_tsv;");
        var load = await LoadAsync(db, new BenchCorpus(set, 1), authors, n);
        var sw = Stopwatch.StartNew();
        await Exec(db, "SET maintenance_work_mem = '1GB'; CREATE INDEX ix_proposal_search_tsv ON proposal USING gin (search_tsv);");
        var gin = sw.Elapsed.TotalSeconds;
        await Exec(db, "ANALYZE proposal; ANALYZE proposal_embedding;");
        // The graph must fit in maintenance_work_mem or the build slows down sharply; the 1,000,000-vector index is 1.95 GB.
        var settings = $"maintenance_work_mem 4GB, {workers} parallel worker{(workers == 1 ? "" : "s")}";
        sw.Restart();
        await Exec(db, $"""
            SET maintenance_work_mem = '4GB'; SET max_parallel_maintenance_workers = {workers};
            CREATE INDEX ix_proposal_embedding_hnsw_lexical_v1 ON proposal_embedding
              USING hnsw ((embedding::vector(384)) vector_cosine_ops) WITH (m = 16, ef_construction = 64) WHERE embedder_id = 'lexical-v1';
            """);
        var build = sw.Elapsed.TotalSeconds;
        await Exec(db, "VACUUM ANALYZE proposal");
        await Exec(db, "VACUUM ANALYZE proposal_embedding");
        await using var cmd = db.CreateCommand("""
            CREATE TABLE IF NOT EXISTS dupbench_load (n integer PRIMARY KEY, loaded_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
              embed_s double precision, copy_s double precision, gin_s double precision, build_s double precision, settings text);
            INSERT INTO dupbench_load (n, embed_s, copy_s, gin_s, build_s, settings) VALUES (@n, @e, @c, @g, @b, @s);
            """);
        cmd.Parameters.AddWithValue("n", n);
        cmd.Parameters.AddWithValue("e", load.EmbedSeconds);
        cmd.Parameters.AddWithValue("c", load.CopySeconds);
        cmd.Parameters.AddWithValue("g", gin);
        cmd.Parameters.AddWithValue("b", build);
        cmd.Parameters.AddWithValue("s", settings);
        await cmd.ExecuteNonQueryAsync();
    }

    private sealed record Author(Guid Pemkab, Guid Opd, Guid User);

    /// <summary>Kabupaten Tegal (seeded, where the API user lives) plus bench Pemkabs, about 2,000 proposals each.</summary>
    private static async Task<List<Author>> CreateAuthorsAsync(NpgsqlDataSource db, int n)
    {
        await Exec(db, $"""
            INSERT INTO pemkab (id, code, name, kind, time_zone) SELECT gen_random_uuid(), 'bench-' || g, 'Kabupaten Bench ' || g, 'Kabupaten', 'Asia/Jakarta'
              FROM generate_series(1, {Math.Max(0, n / PerPemkab - 1)}) g;
            INSERT INTO opd (id, pemkab_id, code, name, is_active) SELECT gen_random_uuid(), p.id, 'opd' || g, 'OPD ' || g, true
              FROM pemkab p, generate_series(1, 12) g WHERE p.code LIKE 'bench-%';
            INSERT INTO users (id, pemkab_id, opd_id, full_name, is_active, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
              SELECT gen_random_uuid(), o.pemkab_id, o.id, 'ASN ' || o.code, true, true, false, false, false, 0 FROM opd o JOIN pemkab p ON p.id = o.pemkab_id WHERE p.code LIKE 'bench-%';
            """);
        var list = new List<Author>();
        await using var cmd = db.CreateCommand("""
            SELECT u.pemkab_id, u.opd_id, u.id FROM users u JOIN pemkab p ON p.id = u.pemkab_id
            WHERE u.opd_id IS NOT NULL AND (p.code LIKE 'bench-%' OR u.user_name LIKE 'asn.%') AND p.code <> 'kab-bintan' ORDER BY u.pemkab_id, u.opd_id
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(new Author(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2)));
        return list;
    }

    /// <summary>Generates, embeds (2 threads) and COPYs the proposals and their vectors in chunks, so 1,000,000 fits in memory.</summary>
    private static async Task<(double EmbedSeconds, double CopySeconds)> LoadAsync(NpgsqlDataSource db, BenchCorpus corpus, List<Author> authors, int n)
    {
        const int chunk = 20_000;
        double embed = 0, copy = 0;
        await using var conn = await db.OpenConnectionAsync();
        await using (var cmd = new NpgsqlCommand("SET session_replication_role = replica", conn)) await cmd.ExecuteNonQueryAsync();
        for (var from = 0; from < n; from += chunk)
        {
            var sw = Stopwatch.StartNew();
            var count = Math.Min(chunk, n - from);
            var texts = Enumerable.Range(0, count).Select(_ => corpus.Next()).ToArray();
            var vectors = new float[count][];
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
                vectors[i] = LexicalEmbedder.Embed(DuplicateIndex.ComposeText(texts[i].Title, texts[i].Problem, texts[i].Design, texts[i].Goals)));
            embed += sw.Elapsed.TotalSeconds;
            sw.Restart();
            var ids = new Guid[count];
            await using (var w = await conn.BeginBinaryImportAsync("""
                COPY proposal (id, pemkab_id, opd_id, author_id, title, stage, initiator, kind, form, urusan, problem, design, goals, benefits, results, status, revision_number)
                FROM STDIN (FORMAT binary)
                """))
            {
                for (var i = 0; i < count; i++)
                {
                    var a = authors[(int)((long)(from + i) * authors.Count / n)];
                    var t = texts[i];
                    ids[i] = Guid.CreateVersion7();
                    await w.StartRowAsync();
                    foreach (var g in new[] { ids[i], a.Pemkab, a.Opd, a.User }) await w.WriteAsync(g, NpgsqlDbType.Uuid);
                    foreach (var s in new[] { t.Title, "Inisiatif", "Asn", "Digital", "PelayananPublik", "Kesehatan", t.Problem, t.Design, t.Goals, "", "", (from + i) % 5 == 0 ? "Draft" : "Submitted" })
                        await w.WriteAsync(s, NpgsqlDbType.Text);
                    await w.WriteAsync(1, NpgsqlDbType.Integer);
                }
                await w.CompleteAsync();
            }
            await using (var w = await conn.BeginBinaryImportAsync("COPY proposal_embedding (proposal_id, embedder_id, pemkab_id, content_hash, dims, embedding) FROM STDIN (FORMAT binary)"))
            {
                for (var i = 0; i < count; i++)
                {
                    var t = texts[i];
                    var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{t.Title}\u001f{t.Problem}\u001f{t.Design}\u001f{t.Goals}")));
                    var a = authors[(int)((long)(from + i) * authors.Count / n)];
                    await w.StartRowAsync();
                    await w.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                    await w.WriteAsync("lexical-v1", NpgsqlDbType.Text);
                    await w.WriteAsync(a.Pemkab, NpgsqlDbType.Uuid);
                    await w.WriteAsync(hash, NpgsqlDbType.Text);
                    await w.WriteAsync(LexicalEmbedder.Dimensions, NpgsqlDbType.Integer);
                    // pgvector's binary input (vector_recv): int16 dimensions, int16 unused, float4 values, all big-endian.
                    await w.WriteAsync(VectorBinary(vectors[i]), NpgsqlDbType.Bytea);
                }
                await w.CompleteAsync();
            }
            copy += sw.Elapsed.TotalSeconds;
            Progress.Bar("embed + COPY", from + count, n);
        }
        return (embed, copy);
    }

    private static byte[] VectorBinary(float[] v)
    {
        var bytes = new byte[4 + 4 * v.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(bytes, (short)v.Length);
        for (var i = 0; i < v.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(4 + 4 * i), v[i]);
        return bytes;
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
                SELECT proposal_id FROM proposal_embedding WHERE embedder_id = 'lexical-v1'
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
