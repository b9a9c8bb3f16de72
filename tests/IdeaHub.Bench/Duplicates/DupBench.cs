using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using IdeaHub.Tests.Duplicates;
using IdeaHub.Web.Data;
using IdeaHub.Web.Duplicates;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace IdeaHub.Bench.Duplicates;

/// <summary>
/// dup-bench [--n 100000] [--queries 200]: loads N generated proposals with lexical embeddings by COPY, builds the
/// HNSW index, then measures top-10 latency in SQL (HNSW vs the exact scan, same run) and through the API
/// (POST /api/similar, the full hybrid query over real HTTP), and HNSW recall@10 against the exact scan.
/// </summary>
internal static class DupBench
{
    private const int PerPemkab = 2000;
    private static readonly int[] EfSearch = [40, 100, 200];

    public static async Task<int> RunAsync(string[] args)
    {
        var n = Arg(args, "--n", 100_000);
        var queries = Arg(args, "--queries", 200);
        var set = DuplicateEvaluation.Load(Path.Combine(AppContext.BaseDirectory, "Duplicates", "data", "duplicate-pairs.json"));
        var dir = Path.Combine(Path.GetTempPath(), $"ideahub-dupbench-{Environment.ProcessId}");
        var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dir, Ephemeral = true }, NullLogger.Instance);
        try
        {
            var cs = await pg.CreateDatabaseAsync("dupbench");
            await using var app = new BenchApp(cs);
            var baseUrl = app.Start();
            await using var db = NpgsqlDataSource.Create(cs);
            Console.WriteLine($"# dup-bench: {n:N0} proposals, {queries} queries, {Environment.ProcessorCount} cores");

            var authors = await CreateAuthorsAsync(db, n);
            var sw = Stopwatch.StartNew();
            var load = await LoadAsync(db, new BenchCorpus(set, 1), authors, n);
            Console.WriteLine($"Embedding {n:N0} texts (lexical, 2 threads): {load.EmbedSeconds:0.0} s; COPY proposals + vectors: {load.CopySeconds:0.0} s");

            await Exec(db, "DROP INDEX IF EXISTS ix_proposal_embedding_hnsw_lexical_v1; ANALYZE proposal; ANALYZE proposal_embedding;");
            sw.Restart();
            await Exec(db, """
                SET maintenance_work_mem = '2GB'; SET max_parallel_maintenance_workers = 1;
                CREATE INDEX ix_proposal_embedding_hnsw_lexical_v1 ON proposal_embedding
                  USING hnsw ((embedding::vector(384)) vector_cosine_ops) WITH (m = 16, ef_construction = 64) WHERE embedder_id = 'lexical-v1';
                """);
            var build = sw.Elapsed.TotalSeconds;
            var size = await Scalar<long>(db, "SELECT pg_relation_size('ix_proposal_embedding_hnsw_lexical_v1')");
            var table = await Scalar<long>(db, "SELECT pg_total_relation_size('proposal_embedding')");
            Console.WriteLine($"HNSW build (m 16, ef_construction 64, 1 parallel worker): {build:0.0} s, index {size / 1048576.0:0.0} MiB (vectors table {table / 1048576.0:0.0} MiB)");

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
            var api = await ApiAsync(baseUrl, qs);
            Console.WriteLine(Row("API POST /api/similar (hybrid, k 10, ef_search 100)", api, double.NaN));
            Console.WriteLine($"\nExact-scan p50 / HNSW(ef 100) p50 is the speed-up; API adds candidates from trigram and full-text, scoring and HTTP.");
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
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
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

    private static async Task<(double EmbedSeconds, double CopySeconds)> LoadAsync(NpgsqlDataSource db, BenchCorpus corpus, List<Author> authors, int n)
    {
        var sw = Stopwatch.StartNew();
        var texts = Enumerable.Range(0, n).Select(_ => corpus.Next()).ToArray();
        var vectors = new float[n][];
        var done = 0;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            vectors[i] = LexicalEmbedder.Embed(DuplicateIndex.ComposeText(texts[i].Title, texts[i].Problem, texts[i].Design, texts[i].Goals));
            Progress.Bar("embedding", Interlocked.Increment(ref done), n);
        });
        var embed = sw.Elapsed.TotalSeconds;
        sw.Restart();
        await using var conn = await db.OpenConnectionAsync();
        await using (var cmd = new NpgsqlCommand("SET session_replication_role = replica", conn)) await cmd.ExecuteNonQueryAsync();
        var ids = new Guid[n];
        await using (var w = await conn.BeginBinaryImportAsync("""
            COPY proposal (id, pemkab_id, opd_id, author_id, title, stage, initiator, kind, form, urusan, problem, design, goals, benefits, results, status, revision_number)
            FROM STDIN (FORMAT binary)
            """))
        {
            for (var i = 0; i < n; i++)
            {
                var a = authors[(int)((long)i * authors.Count / n)];
                var t = texts[i];
                ids[i] = Guid.CreateVersion7();
                await w.StartRowAsync();
                foreach (var g in new[] { ids[i], a.Pemkab, a.Opd, a.User }) await w.WriteAsync(g, NpgsqlDbType.Uuid);
                foreach (var s in new[] { t.Title, "Inisiatif", "Asn", "Digital", "PelayananPublik", "Kesehatan", t.Problem, t.Design, t.Goals, "", "", i % 5 == 0 ? "Draft" : "Submitted" })
                    await w.WriteAsync(s, NpgsqlDbType.Text);
                await w.WriteAsync(1, NpgsqlDbType.Integer);
                Progress.Bar("COPY proposals", i + 1, n);
            }
            await w.CompleteAsync();
        }
        await using (var w = await conn.BeginTextImportAsync("COPY proposal_embedding (proposal_id, embedder_id, pemkab_id, content_hash, dims, embedding) FROM STDIN"))
        {
            for (var i = 0; i < n; i++)
            {
                var t = texts[i];
                var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{t.Title}\u001f{t.Problem}\u001f{t.Design}\u001f{t.Goals}")));
                var a = authors[(int)((long)i * authors.Count / n)];
                await w.WriteLineAsync($"{ids[i]}\tlexical-v1\t{a.Pemkab}\t{hash}\t384\t[{string.Join(',', vectors[i].Select(x => x.ToString("G6", CultureInfo.InvariantCulture)))}]");
                Progress.Bar("COPY vectors", i + 1, n);
            }
        }
        return (embed, sw.Elapsed.TotalSeconds);
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
