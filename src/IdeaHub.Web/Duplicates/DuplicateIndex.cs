using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector;

namespace IdeaHub.Web.Duplicates;

/// <summary>
/// The durable embedding queue. Jobs come from a trigger on proposal content, from <see cref="EnqueueAsync"/> and
/// from a sweep; they are claimed with FOR UPDATE SKIP LOCKED under a lease (a crashed worker's jobs come back when
/// the lease expires), retried with exponential backoff, and unique per (proposal, content hash, embedder).
/// </summary>
public sealed class DuplicateIndex(DuplicatesData data, EmbedderCatalog catalog, TermStatistics termStatistics, IOptions<DuplicateOptions> options,
    ILogger<DuplicateIndex> log)
{
    private readonly NpgsqlDataSource _db = data.Source;
    private DuplicateOptions O => options.Value;

    /// <summary>Queues the proposal's current text for every embedder in use; a no-op if that text is already queued or embedded.</summary>
    public async Task EnqueueAsync(Guid proposalId, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            INSERT INTO embedding_job (proposal_id, pemkab_id, content_hash, embedder_id)
            SELECT p.id, p.pemkab_id, p.content_hash, e.id FROM proposal p, embedder e
            WHERE p.id = @id AND e.state IN ('active', 'backfilling')
            ON CONFLICT DO NOTHING
            """);
        cmd.Parameters.AddWithValue("id", proposalId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Catches proposals whose current text has no vector and no job (e.g. rows loaded with triggers off).</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            INSERT INTO embedding_job (proposal_id, pemkab_id, content_hash, embedder_id)
            SELECT p.id, p.pemkab_id, p.content_hash, e.id FROM proposal p CROSS JOIN embedder e
            WHERE e.state IN ('active', 'backfilling') AND NOT EXISTS (SELECT 1 FROM proposal_embedding pe
              WHERE pe.proposal_id = p.id AND pe.embedder_id = e.id AND pe.content_hash = p.content_hash)
            ON CONFLICT DO NOTHING
            """);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public sealed record Job(long Id, Guid ProposalId, string ContentHash, string EmbedderId, int Attempts);

    /// <summary>Claims due jobs under a lease. Exposed so tests can stop a worker between claim and completion.</summary>
    public async Task<List<Job>> ClaimAsync(int max, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            UPDATE embedding_job j SET state = 'running', attempts = j.attempts + 1, locked_until = now() + @lease
            WHERE j.id IN (SELECT id FROM embedding_job
              WHERE state IN ('pending', 'running') AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
              ORDER BY next_attempt_at, id LIMIT @max FOR UPDATE SKIP LOCKED)
            RETURNING j.id, j.proposal_id, j.content_hash, j.embedder_id, j.attempts
            """);
        cmd.Parameters.AddWithValue("lease", O.JobLease);
        cmd.Parameters.AddWithValue("max", max);
        var jobs = new List<Job>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) jobs.Add(new Job(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetInt32(4)));
        return jobs;
    }

    /// <summary>Claims and processes one batch; returns the number of jobs claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var jobs = await ClaimAsync(O.BatchSize, ct);
        if (jobs.Count > 0) await ProcessAsync(jobs, ct);
        return jobs.Count;
    }

    public async Task ProcessAsync(IReadOnlyList<Job> jobs, CancellationToken ct = default)
    {
        var texts = await TextsAsync(jobs.Select(j => j.ProposalId).Distinct().ToArray(), ct);
        var stale = jobs.Where(j => !texts.TryGetValue(j.ProposalId, out var t) || t.Hash != j.ContentHash).ToList();
        await FinishAsync(stale, "superseded", ct);
        await StoreTermsAsync(jobs.Except(stale).Select(j => j.ProposalId).Distinct().Select(id => (id, texts[id])).ToList(), ct);
        foreach (var group in jobs.Except(stale).GroupBy(j => j.EmbedderId))
        {
            var batch = group.ToList();
            try
            {
                var embedder = catalog.Find(group.Key) ?? throw new InvalidOperationException($"Embedder '{group.Key}' is not available in this process.");
                var vectors = await embedder.Generator.GenerateAsync(batch.Select(j => texts[j.ProposalId].Text), cancellationToken: ct);
                await StoreAsync(embedder, batch, vectors, texts, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Embedding {Count} proposals with {Embedder} failed", batch.Count, group.Key);
                await FailAsync(batch, e.Message, ct);
            }
        }
        await termStatistics.RefreshIfStaleAsync(ct);
    }

    /// <summary>Stores the lexical-v2 terms of each proposal's current text (once per content, whichever embedder asked).</summary>
    private async Task StoreTermsAsync(List<(Guid Id, ProposalText Text)> proposals, CancellationToken ct)
    {
        if (proposals.Count == 0) return;
        await using var batch = _db.CreateBatch();
        foreach (var (id, text) in proposals)
        {
            var a = TermAnalyzer.Analyze(text.Title, text.Body);
            var terms = a.Weights.Keys.ToArray();
            var cmd = new NpgsqlBatchCommand("""
                INSERT INTO proposal_terms (proposal_id, content_hash, terms, weights, surface, title_terms)
                VALUES (@p, @h, @t, @w, @s, @tt)
                ON CONFLICT (proposal_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, terms = EXCLUDED.terms,
                  weights = EXCLUDED.weights, surface = EXCLUDED.surface, title_terms = EXCLUDED.title_terms
                WHERE proposal_terms.content_hash IS DISTINCT FROM EXCLUDED.content_hash
                """);
            cmd.Parameters.AddWithValue("p", id);
            cmd.Parameters.AddWithValue("h", text.Hash);
            cmd.Parameters.AddWithValue("t", terms);
            cmd.Parameters.AddWithValue("w", terms.Select(t => a.Weights[t]).ToArray());
            cmd.Parameters.AddWithValue("s", terms.Select(t => a.Surface[t]).ToArray());
            cmd.Parameters.AddWithValue("tt", a.TitleTerms.ToArray());
            batch.BatchCommands.Add(cmd);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    private sealed record ProposalText(string Hash, string Text, Guid PemkabId, string Title, string Body);

    private async Task<Dictionary<Guid, ProposalText>> TextsAsync(Guid[] ids, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand("SELECT id, content_hash, title, problem, design, goals, pemkab_id FROM proposal WHERE id = ANY(@ids)");
        cmd.Parameters.AddWithValue("ids", ids);
        var map = new Dictionary<Guid, ProposalText>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var (title, problem, design, goals) = (r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5));
            map[r.GetGuid(0)] = new ProposalText(r.GetString(1), ComposeText(title, problem, design, goals), r.GetGuid(6), title,
                $"{problem}\n{design}\n{goals}");
        }
        return map;
    }

    /// <summary>The proposal's content_hash column, computed the same way (md5 of the fields joined by U+001F).</summary>
    public static string ContentHash(string title, string problem, string design, string goals) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', title, problem, design, goals))));

    /// <summary>What is embedded: the title on the first line (the lexical embedder weights it), then problem, design, goals.</summary>
    public static string ComposeText(string title, string problem, string design, string goals) =>
        $"{title}\n{problem}\n{design}\n{goals}";

    private async Task StoreAsync(EmbedderInfo embedder, List<Job> batch, GeneratedEmbeddings<Embedding<float>> vectors,
        Dictionary<Guid, ProposalText> texts, CancellationToken ct)
    {
        if (vectors.Count != batch.Count) throw new InvalidOperationException($"Embedder returned {vectors.Count} vectors for {batch.Count} texts.");
        await using var conn = await _db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        for (var i = 0; i < batch.Count; i++)
        {
            var v = vectors[i].Vector;
            if (v.Length != embedder.Dims) throw new InvalidOperationException($"Embedder '{embedder.Id}' returned {v.Length} dimensions, expected {embedder.Dims}.");
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO proposal_embedding (proposal_id, embedder_id, pemkab_id, content_hash, dims, embedding)
                VALUES (@p, @e, @pk, @h, @d, @v)
                ON CONFLICT (proposal_id, embedder_id) DO UPDATE
                  SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding, dims = EXCLUDED.dims, embedded_at = now();
                UPDATE embedding_job SET state = 'done', done_at = now(), locked_until = NULL, last_error = NULL WHERE id = @job;
                """, conn, tx);
            cmd.Parameters.AddWithValue("p", batch[i].ProposalId);
            cmd.Parameters.AddWithValue("e", embedder.Id);
            cmd.Parameters.AddWithValue("pk", texts[batch[i].ProposalId].PemkabId);
            cmd.Parameters.AddWithValue("h", batch[i].ContentHash);
            cmd.Parameters.AddWithValue("d", embedder.Dims);
            cmd.Parameters.AddWithValue("v", new Vector(v));
            cmd.Parameters.AddWithValue("job", batch[i].Id);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private async Task FinishAsync(List<Job> jobs, string state, CancellationToken ct)
    {
        if (jobs.Count == 0) return;
        await using var cmd = _db.CreateCommand("UPDATE embedding_job SET state = @s, done_at = now(), locked_until = NULL WHERE id = ANY(@ids)");
        cmd.Parameters.AddWithValue("s", state);
        cmd.Parameters.AddWithValue("ids", jobs.Select(j => j.Id).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task FailAsync(List<Job> jobs, string error, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand("""
            UPDATE embedding_job SET locked_until = NULL, last_error = left(@err, 2000),
              state = CASE WHEN attempts >= @max THEN 'failed' ELSE 'pending' END,
              next_attempt_at = now() + @base * power(2, attempts - 1)
            WHERE id = ANY(@ids)
            """);
        cmd.Parameters.AddWithValue("err", error);
        cmd.Parameters.AddWithValue("max", O.MaxAttempts);
        cmd.Parameters.AddWithValue("base", O.RetryBase);
        cmd.Parameters.AddWithValue("ids", jobs.Select(j => j.Id).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
