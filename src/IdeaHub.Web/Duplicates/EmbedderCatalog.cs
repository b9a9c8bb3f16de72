using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Npgsql;

namespace IdeaHub.Web.Duplicates;

/// <summary>An embedder this deployment can use, with the id and dimension its vectors are stored under.</summary>
public sealed record EmbedderInfo(string Id, int Dims, string Label, IEmbeddingGenerator<string, Embedding<float>> Generator);

public sealed record EmbedderState(string Id, int Dims, string State, string Label, long Embedded, long Proposals, long Pending, long Failed);

/// <summary>
/// The embedders available in-process (the built-in lexical one, any registered <see cref="EmbedderInfo"/>, and a
/// model-backed <c>IEmbeddingGenerator</c> from the LLM runtime when one is configured) and their state in the
/// database: which one search uses, and the progress of a backfill to a new one.
/// </summary>
public sealed partial class EmbedderCatalog
{
    private readonly Dictionary<string, EmbedderInfo> _byId = new(StringComparer.Ordinal);
    private readonly NpgsqlDataSource _data;

    public EmbedderCatalog(DuplicatesData data, LexicalEmbedder lexical, IEnumerable<EmbedderInfo> registered, IServiceProvider services)
    {
        _data = data.Source;
        Add(new EmbedderInfo(LexicalEmbedder.Id, LexicalEmbedder.Dimensions, "lexical", lexical));
        foreach (var e in registered) Add(e);
        if (services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is { } model
            && model.GetService<EmbeddingGeneratorMetadata>() is { DefaultModelId: { } name, DefaultModelDimensions: int dims })
            Add(new EmbedderInfo("model-" + Slug(name), dims, "model: " + name, model));
    }

    private void Add(EmbedderInfo e)
    {
        if (!IdPattern().IsMatch(e.Id)) throw new ArgumentException($"Embedder id '{e.Id}' must match {IdPattern()}.");
        _byId[e.Id] = e;
    }

    public IReadOnlyCollection<EmbedderInfo> Available => _byId.Values;

    public EmbedderInfo? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The embedder whose vectors search uses; a backfilling one is not used until complete.</summary>
    public async Task<EmbedderInfo> ActiveAsync(CancellationToken ct = default)
    {
        await using var cmd = _data.CreateCommand("SELECT id FROM embedder WHERE state = 'active'");
        var id = (string?)await cmd.ExecuteScalarAsync(ct) ?? LexicalEmbedder.Id;
        return Find(id) ?? throw new InvalidOperationException($"The active embedder '{id}' is not available in this process.");
    }

    public async Task<IReadOnlyList<EmbedderState>> StatesAsync(CancellationToken ct = default)
    {
        const string sql = """
            SELECT e.id, e.dims, e.state, e.label,
              (SELECT count(*) FROM proposal_embedding pe JOIN proposal p ON p.id = pe.proposal_id AND p.content_hash = pe.content_hash
                WHERE pe.embedder_id = e.id),
              (SELECT count(*) FROM proposal),
              (SELECT count(*) FROM embedding_job j WHERE j.embedder_id = e.id AND j.state IN ('pending', 'running')),
              (SELECT count(*) FROM embedding_job j WHERE j.embedder_id = e.id AND j.state = 'failed')
            FROM embedder e ORDER BY e.created_at
            """;
        await using var cmd = _data.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<EmbedderState>();
        while (await r.ReadAsync(ct))
            list.Add(new EmbedderState(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)));
        return list;
    }

    /// <summary>
    /// Registers the embedder (with its own HNSW index) as 'backfilling' and queues every proposal for it. Search keeps
    /// using the active embedder; <see cref="PromoteCompletedAsync"/> switches once every proposal has a vector.
    /// </summary>
    public async Task StartBackfillAsync(EmbedderInfo e, CancellationToken ct = default)
    {
        await using var conn = await _data.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Exec(conn, tx, $"""
            INSERT INTO embedder (id, dims, state, label) VALUES (@id, @dims, 'backfilling', @label)
            ON CONFLICT (id) DO UPDATE SET state = 'backfilling' WHERE embedder.state = 'retired';
            CREATE INDEX IF NOT EXISTS ix_proposal_embedding_hnsw_{Slug(e.Id).Replace('-', '_')} ON proposal_embedding
              USING hnsw ((embedding::vector({e.Dims})) vector_cosine_ops) WITH (m = 16, ef_construction = 64)
              WHERE embedder_id = '{e.Id}';
            INSERT INTO embedding_job (proposal_id, pemkab_id, content_hash, embedder_id)
              SELECT p.id, p.pemkab_id, p.content_hash, @id FROM proposal p
              WHERE NOT EXISTS (SELECT 1 FROM proposal_embedding pe WHERE pe.proposal_id = p.id AND pe.embedder_id = @id AND pe.content_hash = p.content_hash)
            ON CONFLICT DO NOTHING;
            """, ct, ("id", e.Id), ("dims", e.Dims), ("label", e.Label));
        await tx.CommitAsync(ct);
    }

    /// <summary>Makes a backfilling embedder active once no proposal lacks its vector for the current content.</summary>
    public async Task<bool> PromoteCompletedAsync(CancellationToken ct = default)
    {
        await using var conn = await _data.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT e.id FROM embedder e WHERE e.state = 'backfilling' AND NOT EXISTS (
              SELECT 1 FROM proposal p WHERE NOT EXISTS (SELECT 1 FROM proposal_embedding pe
                WHERE pe.proposal_id = p.id AND pe.embedder_id = e.id AND pe.content_hash = p.content_hash))
            ORDER BY e.created_at LIMIT 1 FOR UPDATE
            """, conn, tx);
        if (await cmd.ExecuteScalarAsync(ct) is not string id) return false;
        await Exec(conn, tx, """
            UPDATE embedder SET state = 'retired' WHERE state = 'active';
            UPDATE embedder SET state = 'active', activated_at = now() WHERE id = @id;
            """, ct, ("id", id));
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params (string, object)[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Slug(string s) => NonSlug().Replace(s.ToLowerInvariant(), "-").Trim('-') is { Length: > 0 } t ? t[..Math.Min(t.Length, 50)] : "x";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
