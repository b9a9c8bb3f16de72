using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using IdeaHub.Tests.Duplicates;
using IdeaHub.Web.Data;
using IdeaHub.Web.Duplicates;
using Npgsql;
using NpgsqlTypes;

namespace IdeaHub.Bench.Duplicates;

/// <summary>dup-bench's data: generated proposals with lexical-v2 vectors and terms loaded by binary COPY, then indexes built.</summary>
internal static class DupBenchLoad
{
    private const int PerPemkab = 2000;

    public sealed record Loaded(DateTime LoadedAt, double EmbedSeconds, double CopySeconds, double GinSeconds, double BuildSeconds, string Settings);

    /// <summary>The load record of a complete earlier run on this database (a kept --data directory), if its HNSW index is valid.</summary>
    public static async Task<Loaded?> LoadedAsync(NpgsqlDataSource db, int n)
    {
        if (await Scalar<object>(db, "SELECT to_regclass('dupbench_load')::text") is not string) return null;
        await using var cmd = db.CreateCommand("""
            SELECT loaded_at, embed_s, copy_s, gin_s, build_s, settings FROM dupbench_load
            WHERE n = @n AND EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = to_regclass('ix_proposal_embedding_hnsw_lexical_v2') AND i.indisvalid)
            """);
        cmd.Parameters.AddWithValue("n", n);
        await using var r = await cmd.ExecuteReaderAsync();
        return await r.ReadAsync() ? new Loaded(r.GetDateTime(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetString(5)) : null;
    }

    public static async Task LoadAndBuildAsync(NpgsqlDataSource db, DuplicateEvaluation.LabelledSet set, int n, int workers)
    {
        if (await Scalar<long>(db, "SELECT count(*) FROM pemkab WHERE code LIKE 'bench-%'") > 0)
            throw new InvalidOperationException("This database holds an incomplete bench load; delete the --data directory and start again.");
        var authors = await CreateAuthorsAsync(db, n);
        // Loading into a live HNSW or GIN index is far slower than building it once afterwards.
        await Exec(db, "DROP INDEX IF EXISTS ix_proposal_embedding_hnsw_lexical_v2; DROP INDEX IF EXISTS ix_proposal_search_tsv;");
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
            CREATE INDEX ix_proposal_embedding_hnsw_lexical_v2 ON proposal_embedding
              USING hnsw ((embedding::vector(384)) vector_cosine_ops) WITH (m = 16, ef_construction = 64) WHERE embedder_id = 'lexical-v2';
            """);
        var build = sw.Elapsed.TotalSeconds;
        // The term statistics the scorer weights by, as the embedding worker would compute them after such a load.
        await new TermStatistics(new DuplicatesData(Microsoft.Extensions.Options.Options.Create(new DatabaseInfo
            { ConnectionString = db.ConnectionString }))).RefreshIfStaleAsync();
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
                vectors[i] = LexicalV2Embedder.Embed(DuplicateIndex.ComposeText(texts[i].Title, texts[i].Problem, texts[i].Design, texts[i].Goals)));
            embed += sw.Elapsed.TotalSeconds;
            sw.Restart();
            var ids = new Guid[count];
            var hashes = new string[count];
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
                    var hash = hashes[i] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{t.Title}\u001f{t.Problem}\u001f{t.Design}\u001f{t.Goals}")));
                    var a = authors[(int)((long)(from + i) * authors.Count / n)];
                    await w.StartRowAsync();
                    await w.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                    await w.WriteAsync("lexical-v2", NpgsqlDbType.Text);
                    await w.WriteAsync(a.Pemkab, NpgsqlDbType.Uuid);
                    await w.WriteAsync(hash, NpgsqlDbType.Text);
                    await w.WriteAsync(LexicalV2Embedder.Dimensions, NpgsqlDbType.Integer);
                    // pgvector's binary input (vector_recv): int16 dimensions, int16 unused, float4 values, all big-endian.
                    await w.WriteAsync(VectorBinary(vectors[i]), NpgsqlDbType.Bytea);
                }
                await w.CompleteAsync();
            }
            await using (var w = await conn.BeginBinaryImportAsync(
                "COPY proposal_terms (proposal_id, content_hash, terms, weights, surface, title_terms) FROM STDIN (FORMAT binary)"))
            {
                for (var i = 0; i < count; i++)
                {
                    var t = texts[i];
                    var a = TermAnalyzer.Analyze(t.Title, $"{t.Problem}\n{t.Design}\n{t.Goals}");
                    var terms = a.Weights.Keys.ToArray();
                    await w.StartRowAsync();
                    await w.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                    await w.WriteAsync(hashes[i], NpgsqlDbType.Text);
                    await w.WriteAsync(terms, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await w.WriteAsync(terms.Select(x => a.Weights[x]).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Real);
                    await w.WriteAsync(terms.Select(x => a.Surface[x]).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await w.WriteAsync(a.TitleTerms.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
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
