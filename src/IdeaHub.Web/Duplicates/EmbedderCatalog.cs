using System.Text.RegularExpressions;
using IdeaHub.LlamaCpp.Configuration;
using Microsoft.Extensions.AI;
using Npgsql;

namespace IdeaHub.Web.Duplicates;

/// <summary>
/// An embedder this deployment can use, with the id and dimension its vectors are stored under, and its calibration:
/// the weight of vector cosine in the fused score (the rest is the corpus-weighted term score) and the fused score from
/// which a match is flagged as a likely duplicate. Defaults here; the embedder row can override both.
/// </summary>
public sealed record EmbedderInfo(string Id, int Dims, string Label, IEmbeddingGenerator<string, Embedding<float>> Generator,
    double VectorWeight = EmbedderInfo.ModelVectorWeight, double FlagThreshold = EmbedderInfo.ModelFlagThreshold)
{
    /// <summary>
    /// Defaults for a model embedder until it is calibrated on the real set (dup-eval): the vector carries half the
    /// score. Not measured here (no Indonesian-capable model can be obtained on these machines); see docs/benchmarks.md.
    /// </summary>
    public const double ModelVectorWeight = 0.5, ModelFlagThreshold = 0.3;

    /// <summary>"lexical" embedders share words, not meaning; the UI says so.</summary>
    public string Kind => Label.StartsWith("lexical", StringComparison.Ordinal) ? "lexical" : "model";
}

public sealed record EmbedderState(string Id, int Dims, string State, string Label, long Embedded, long Proposals, long Pending, long Failed);

/// <summary>
/// The embedders available in-process (the built-in lexical ones, any registered <see cref="EmbedderInfo"/>, and the
/// embedding model configured under IdeaHub:AI:Embedding as "model-&lt;name&gt;") and their state in the database: which
/// one search uses (lexical-v2 until another is configured and backfilled), and the progress of a backfill.
/// </summary>
public sealed partial class EmbedderCatalog
{
    private readonly Dictionary<string, EmbedderInfo> _byId = new(StringComparer.Ordinal);
    private readonly NpgsqlDataSource _data;

    public EmbedderCatalog(DuplicatesData data, LexicalEmbedder lexical, LexicalV2Embedder lexicalV2, IEnumerable<EmbedderInfo> registered,
        AiModels models)
    {
        _data = data.Source;
        // lexical-v1 keeps the weights it was tuned with on the synthetic set; lexical-v2 scores on terms alone (its
        // hashed vector only finds candidates), flagged from the threshold chosen on the real set's tuning half.
        Add(new EmbedderInfo(LexicalEmbedder.Id, LexicalEmbedder.Dimensions, "lexical", lexical, 0.45, 0.25));
        Add(new EmbedderInfo(LexicalV2Embedder.Id, LexicalV2Embedder.Dimensions, "lexical", lexicalV2, 0, LexicalV2FlagThreshold));
        foreach (var e in registered) Add(e);
        if (models.Embeddings is { } model
            && model.GetService<EmbeddingGeneratorMetadata>() is { DefaultModelId: { } name, DefaultModelDimensions: int dims })
            Add(new EmbedderInfo(ModelId(name), dims, "model: " + name, model));
    }

    private void Add(EmbedderInfo e)
    {
        if (!IdPattern().IsMatch(e.Id)) throw new ArgumentException($"Embedder id '{e.Id}' must match {IdPattern()}.");
        _byId[e.Id] = e;
    }

    public IReadOnlyCollection<EmbedderInfo> Available => _byId.Values;

    public EmbedderInfo? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Flag threshold of lexical-v2, chosen on the tuning half of the real set (dup-eval --tune).</summary>
    public const double LexicalV2FlagThreshold = 0.2;

    /// <summary>The embedder whose vectors search uses (with its stored calibration); a backfilling one is not used until complete.</summary>
    public async Task<EmbedderInfo> ActiveAsync(CancellationToken ct = default)
    {
        await using var cmd = _data.CreateCommand("SELECT id, vector_weight, flag_threshold FROM embedder WHERE state = 'active'");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var (id, weight, threshold) = await r.ReadAsync(ct)
            ? (r.GetString(0), r.IsDBNull(1) ? (double?)null : Math.Round(r.GetFloat(1), 4), r.IsDBNull(2) ? (double?)null : Math.Round(r.GetFloat(2), 4))
            : (LexicalEmbedder.Id, null, null);
        var e = Find(id) ?? throw new InvalidOperationException($"The active embedder '{id}' is not available in this process.");
        return e with { VectorWeight = weight ?? e.VectorWeight, FlagThreshold = threshold ?? e.FlagThreshold };
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
            INSERT INTO embedder (id, dims, state, label, vector_weight, flag_threshold) VALUES (@id, @dims, 'backfilling', @label, @vw, @ft)
            ON CONFLICT (id) DO UPDATE SET state = 'backfilling' WHERE embedder.state = 'retired';
            CREATE INDEX IF NOT EXISTS ix_proposal_embedding_hnsw_{Slug(e.Id).Replace('-', '_')} ON proposal_embedding
              USING hnsw ((embedding::vector({e.Dims})) vector_cosine_ops) WITH (m = 16, ef_construction = 64)
              WHERE embedder_id = '{e.Id}';
            INSERT INTO embedding_job (proposal_id, pemkab_id, content_hash, embedder_id)
              SELECT p.id, p.pemkab_id, p.content_hash, @id FROM proposal p
              WHERE NOT EXISTS (SELECT 1 FROM proposal_embedding pe WHERE pe.proposal_id = p.id AND pe.embedder_id = @id AND pe.content_hash = p.content_hash)
            ON CONFLICT DO NOTHING;
            """, ct, ("id", e.Id), ("dims", e.Dims), ("label", e.Label), ("vw", (float)e.VectorWeight), ("ft", (float)e.FlagThreshold));
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

    /// <summary>The embedder id of a configured model: "model-" and its name in lower case, e.g. model-all-minilm-l6-v2.</summary>
    public static string ModelId(string modelName) => "model-" + Slug(modelName);

    private static string Slug(string s) => NonSlug().Replace(s.ToLowerInvariant(), "-").Trim('-') is { Length: > 0 } t ? t[..Math.Min(t.Length, 50)] : "x";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
