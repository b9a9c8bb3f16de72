using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace IdeaHub.Web.Duplicates;

/// <summary>Who asks: decides which Pemkab counts as "own" and whose drafts may be read.</summary>
public sealed record SimilarityCaller(Guid PemkabId, Guid? OpdId);

public sealed record SimilarityQuery(string Title, string Text, Guid? ExcludeProposalId = null, int K = 10);

public sealed record SimilarMatch(Guid ProposalId, string Title, string PemkabName, string OpdName, string Stage, string Status,
    double Score, double Vector, double Text, double TitleSimilarity, IReadOnlyList<string> Signals, IReadOnlyList<string> SharedTerms,
    bool LikelyDuplicate, bool Restricted, bool PriorArt);

/// <param name="SamePemkab">Possible duplicates inside the caller's Pemkab (across OPDs).</param>
/// <param name="PriorArt">Similar non-draft innovations of other Pemkabs of this deployment: to learn from, not a fault.</param>
public sealed record SimilarResult(string Embedder, string EmbedderKind, IReadOnlyList<SimilarMatch> SamePemkab, IReadOnlyList<SimilarMatch> PriorArt);

/// <summary>
/// Hybrid similarity: candidates from the active embedder's vectors (own Pemkab and others; HNSW with filtered
/// iterative scans, or the planner's exact scan of one Pemkab's few thousand) and from full-text search on the
/// title's terms; each candidate is then scored on
/// cosine similarity, overlap of its Indonesian full-text lexemes with the query's, and title trigram similarity,
/// fused by calibrated weights (<see cref="DuplicateOptions"/>). Drafts of other OPDs show no content beyond the
/// title; drafts of other Pemkabs and merged duplicates are never returned.
/// </summary>
public sealed class SimilarityScorer(DuplicatesData data, EmbedderCatalog catalog, IOptions<DuplicateOptions> options)
{
    public async Task<SimilarResult> FindAsync(SimilarityCaller caller, SimilarityQuery q, CancellationToken ct = default)
    {
        var o = options.Value;
        var embedder = await catalog.ActiveAsync(ct);
        var text = q.Text.Contains(q.Title, StringComparison.Ordinal) ? q.Text : q.Title + "\n" + q.Text;
        var vector = (await embedder.Generator.GenerateAsync([text], cancellationToken: ct))[0].Vector.ToArray();
        var rows = await CandidatesAsync(embedder, caller, q, text, vector, Math.Max(q.K * 4, 40), ct);
        var matches = rows.Select(r => ToMatch(r, caller, o)).Where(m => m.Score >= o.ShowThreshold)
            .OrderByDescending(m => m.Score).ToList();
        return new SimilarResult(embedder.Id, embedder.Label.StartsWith("lexical", StringComparison.Ordinal) ? "lexical" : "model",
            [.. matches.Where(m => !m.PriorArt).Take(q.K)], [.. matches.Where(m => m.PriorArt).Take(q.K)]);
    }

    internal sealed record Row(Guid Id, Guid PemkabId, string PemkabName, Guid OpdId, string OpdName, string Title, string Stage,
        string Status, double Vector, double Trgm, string[] Shared, string[] TitleLexemes, int CandidateLexemes, int QueryLexemes);

    private SimilarMatch ToMatch(Row r, SimilarityCaller caller, DuplicateOptions o)
    {
        var overlap = r.CandidateLexemes == 0 || r.QueryLexemes == 0 ? 0 : r.Shared.Length / Math.Sqrt((double)r.CandidateLexemes * r.QueryLexemes);
        var score = o.VectorWeight * Math.Max(r.Vector, 0) + o.TextWeight * overlap + o.TitleWeight * r.Trgm;
        var signals = new List<string>();
        if (r.Vector >= o.VectorSignal) signals.Add("vector");
        if (overlap >= o.TextSignal) signals.Add("fulltext");
        if (r.Trgm >= o.TitleSignal) signals.Add("title");
        var own = r.PemkabId == caller.PemkabId;
        var restricted = own && r.Status == "Draft" && r.OpdId != caller.OpdId;
        var terms = restricted ? r.Shared.Intersect(r.TitleLexemes) : r.Shared;
        return new SimilarMatch(r.Id, r.Title, r.PemkabName, r.OpdName, r.Stage, r.Status,
            Math.Round(score, 4), Math.Round(r.Vector, 4), Math.Round(overlap, 4), Math.Round(r.Trgm, 4), signals,
            terms.OrderByDescending(t => r.TitleLexemes.Contains(t)).ThenByDescending(t => t.Length).Take(8).ToList(),
            own && score >= o.DuplicateThreshold, restricted, !own);
    }

    private async Task<List<Row>> CandidatesAsync(EmbedderInfo e, SimilarityCaller caller, SimilarityQuery q, string text, float[] vector, int n, CancellationToken ct)
    {
        // The embedder id and dimension are inlined (the id is validated by EmbedderCatalog) so the planner matches the partial HNSW index.
        var v = $"(@v::real[]::vector({e.Dims}))";
        var col = $"pe.embedding::vector({e.Dims})";
        var sql = $"""
            WITH hits AS (
              (SELECT pe.proposal_id AS id, {col} <=> {v} AS d FROM proposal_embedding pe
                 WHERE pe.embedder_id = '{e.Id}' AND pe.pemkab_id = @pemkab ORDER BY {col} <=> {v} LIMIT @n)
              UNION ALL (SELECT pe.proposal_id, {col} <=> {v} FROM proposal_embedding pe
                 WHERE pe.embedder_id = '{e.Id}' AND pe.pemkab_id <> @pemkab ORDER BY {col} <=> {v} LIMIT @n)
              UNION ALL (SELECT p.id, NULL FROM proposal p WHERE p.search_tsv @@ plainto_tsquery('indonesian', @title) LIMIT @n)
            ), cand AS (SELECT DISTINCT ON (id) id, d FROM hits ORDER BY id, d NULLS LAST),
            qlex AS (SELECT tsvector_to_array(to_tsvector('indonesian', @text)) AS lex)
            SELECT p.id, p.pemkab_id, k.name, p.opd_id, o.name, p.title, p.stage, p.status,
              coalesce(1 - coalesce(cand.d, (SELECT {col} <=> {v} FROM proposal_embedding pe
                WHERE pe.proposal_id = p.id AND pe.embedder_id = '{e.Id}')), 0),
              similarity(p.title, @title),
              ARRAY(SELECT l FROM unnest(tsvector_to_array(p.search_tsv)) l WHERE l = ANY(qlex.lex)),
              tsvector_to_array(to_tsvector('indonesian', p.title)),
              length(p.search_tsv), cardinality(qlex.lex)
            FROM cand JOIN proposal p ON p.id = cand.id JOIN opd o ON o.id = p.opd_id JOIN pemkab k ON k.id = p.pemkab_id
              CROSS JOIN qlex
            WHERE p.id IS DISTINCT FROM @exclude AND p.merged_into_id IS NULL AND p.status <> 'Archived'
              AND (p.pemkab_id = @pemkab OR p.status <> 'Draft')
            """;
        await using var cmd = data.Source.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter("v", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = vector });
        cmd.Parameters.AddWithValue("pemkab", caller.PemkabId);
        cmd.Parameters.AddWithValue("n", n);
        cmd.Parameters.AddWithValue("title", q.Title);
        cmd.Parameters.AddWithValue("text", text);
        cmd.Parameters.Add(new NpgsqlParameter("exclude", NpgsqlDbType.Uuid) { Value = (object?)q.ExcludeProposalId ?? DBNull.Value });
        var rows = new List<Row>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new Row(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetGuid(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetString(7), r.GetDouble(8), r.GetFloat(9), r.GetFieldValue<string[]>(10), r.GetFieldValue<string[]>(11), r.GetInt32(12), r.GetInt32(13)));
        return rows;
    }
}
