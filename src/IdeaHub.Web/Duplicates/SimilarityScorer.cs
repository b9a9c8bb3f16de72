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
/// Hybrid similarity in one SQL statement (one round trip): candidates from the active embedder's vectors (own Pemkab
/// and others; HNSW with filtered iterative scans, or the planner's exact scan of one Pemkab's few thousand) and from
/// full-text search of the title's terms in the own Pemkab's stored <c>search_tsv</c>; each candidate is scored on cosine
/// similarity, overlap of its Indonesian full-text lexemes with the query's, and title trigram similarity, fused by
/// calibrated weights (<see cref="DuplicateOptions"/>); only the top k of each list get their explanation (shared
/// terms, title terms). Drafts of other OPDs show no content beyond the title; drafts of other Pemkabs and merged
/// duplicates are never returned.
/// </summary>
public sealed class SimilarityScorer(DuplicatesData data, EmbedderCatalog catalog, IOptions<DuplicateOptions> options)
{
    public async Task<SimilarResult> FindAsync(SimilarityCaller caller, SimilarityQuery q, CancellationToken ct = default)
    {
        var o = options.Value;
        var embedder = await catalog.ActiveAsync(ct);
        var text = q.Text.Contains(q.Title, StringComparison.Ordinal) ? q.Text : q.Title + "\n" + q.Text;
        var vector = (await embedder.Generator.GenerateAsync([text], cancellationToken: ct))[0].Vector.ToArray();
        var rows = await TopAsync(embedder, caller, q, text, vector, Math.Max(q.K * 4, 40), o, ct);
        var matches = rows.Select(r => ToMatch(r, caller, o)).ToList();
        return new SimilarResult(embedder.Id, embedder.Label.StartsWith("lexical", StringComparison.Ordinal) ? "lexical" : "model",
            [.. matches.Where(m => !m.PriorArt)], [.. matches.Where(m => m.PriorArt)]);
    }

    internal sealed record Row(Guid Id, Guid PemkabId, string PemkabName, Guid OpdId, string OpdName, string Title, string Stage,
        string Status, double Vector, double Trgm, double Overlap, double Score, string[] Shared, string[] TitleLexemes);

    private static SimilarMatch ToMatch(Row r, SimilarityCaller caller, DuplicateOptions o)
    {
        var signals = new List<string>();
        if (r.Vector >= o.VectorSignal) signals.Add("vector");
        if (r.Overlap >= o.TextSignal) signals.Add("fulltext");
        if (r.Trgm >= o.TitleSignal) signals.Add("title");
        var own = r.PemkabId == caller.PemkabId;
        var restricted = own && r.Status == "Draft" && r.OpdId != caller.OpdId;
        var terms = restricted ? r.Shared.Intersect(r.TitleLexemes) : r.Shared;
        return new SimilarMatch(r.Id, r.Title, r.PemkabName, r.OpdName, r.Stage, r.Status,
            Math.Round(r.Score, 4), Math.Round(r.Vector, 4), Math.Round(r.Overlap, 4), Math.Round(r.Trgm, 4), signals,
            terms.OrderByDescending(t => r.TitleLexemes.Contains(t)).ThenByDescending(t => t.Length).Take(8).ToList(),
            own && r.Score >= o.DuplicateThreshold, restricted, !own);
    }

    /// <summary>
    /// The k best matches of the own Pemkab and of the others, best first, scored on at most 3n candidates: the n
    /// nearest vectors of the own Pemkab (exact), the n nearest of the others (HNSW), and n proposals of the own Pemkab
    /// containing every title term except stopwords. The full-text list scans the own Pemkab's few thousand tsvectors
    /// (the OFFSET 0 fence keeps the planner on the Pemkab index): deployment-wide, the GIN search of a title's terms
    /// cost 9–19 ms at 1,000,000 proposals, mostly returning arbitrary rows of other Pemkabs that the vector list
    /// already covers. Each candidate's parts are computed once (a materialised CTE), not once per reference.
    /// Lexeme overlap is |candidate ∩ query| / √(|candidate| · |query|), counted with <c>ts_delete</c> (a binary search
    /// per query lexeme in the sorted tsvector) rather than comparing every pair of lexemes.
    /// </summary>
    private async Task<List<Row>> TopAsync(EmbedderInfo e, SimilarityCaller caller, SimilarityQuery q, string text, float[] vector, int n,
        DuplicateOptions o, CancellationToken ct)
    {
        // The embedder id and dimension are inlined (the id is validated by EmbedderCatalog) so the planner matches the
        // partial HNSW index. The query vector is an init-plan value: converted once, not once per row of an exact scan.
        var v = $"(SELECT @v::real[]::vector({e.Dims}))";
        var col = $"pe.embedding::vector({e.Dims})";
        var sql = $"""
            WITH q AS MATERIALIZED (
              SELECT tsvector_to_array(to_tsvector('indonesian', @text)) AS lex, plainto_tsquery('indonesian', @titleterms) AS tq
            ), hits AS (
              (SELECT pe.proposal_id AS id, {col} <=> {v} AS d FROM proposal_embedding pe
                 WHERE pe.embedder_id = '{e.Id}' AND pe.pemkab_id = @pemkab ORDER BY {col} <=> {v} LIMIT @n)
              UNION ALL (SELECT pe.proposal_id, {col} <=> {v} FROM proposal_embedding pe
                 WHERE pe.embedder_id = '{e.Id}' AND pe.pemkab_id <> @pemkab ORDER BY {col} <=> {v} LIMIT @n)
              UNION ALL (SELECT own.id, NULL FROM (SELECT p.id, p.search_tsv FROM proposal p WHERE p.pemkab_id = @pemkab OFFSET 0) own
                 WHERE own.search_tsv @@ (SELECT tq FROM q) LIMIT @n)
            ), cand AS (
              SELECT DISTINCT ON (id) id, d FROM hits ORDER BY id, d NULLS LAST
            ), parts AS MATERIALIZED (
              SELECT p.id, p.pemkab_id, p.opd_id, p.title, p.stage, p.status, p.search_tsv,
                coalesce(1 - coalesce(cand.d, (SELECT {col} <=> {v} FROM proposal_embedding pe
                  WHERE pe.proposal_id = p.id AND pe.embedder_id = '{e.Id}')), 0) AS vec,
                similarity(p.title, @title)::float8 AS trgm,
                CASE WHEN length(p.search_tsv) = 0 OR cardinality(q.lex) = 0 THEN 0::float8
                  ELSE (length(p.search_tsv) - length(ts_delete(p.search_tsv, q.lex))) / sqrt(length(p.search_tsv)::float8 * cardinality(q.lex)) END AS overlap
              FROM cand JOIN proposal p ON p.id = cand.id CROSS JOIN q
              WHERE p.id IS DISTINCT FROM @exclude AND p.merged_into_id IS NULL AND p.status <> 'Archived'
                AND (p.pemkab_id = @pemkab OR p.status <> 'Draft')
            ), fused AS (
              SELECT parts.*, @wv * greatest(vec, 0) + @wt * overlap + @wtitle * trgm AS score FROM parts
            ), ranked AS (
              SELECT fused.*, row_number() OVER (PARTITION BY pemkab_id = @pemkab ORDER BY score DESC, id) AS rank
              FROM fused WHERE score >= @show
            )
            SELECT t.id, t.pemkab_id, k.name, t.opd_id, o.name, t.title, t.stage, t.status, t.vec, t.trgm, t.overlap, t.score,
              tsvector_to_array(ts_delete(t.search_tsv, tsvector_to_array(ts_delete(t.search_tsv, q.lex)))),
              tsvector_to_array(to_tsvector('indonesian', t.title))
            FROM ranked t JOIN opd o ON o.id = t.opd_id JOIN pemkab k ON k.id = t.pemkab_id CROSS JOIN q
            WHERE t.rank <= @k
            ORDER BY t.score DESC, t.id
            """;
        await using var cmd = data.Source.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter("v", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = vector });
        cmd.Parameters.AddWithValue("pemkab", caller.PemkabId);
        cmd.Parameters.AddWithValue("n", n);
        cmd.Parameters.AddWithValue("k", q.K);
        cmd.Parameters.AddWithValue("title", q.Title);
        cmd.Parameters.AddWithValue("titleterms", string.Join(' ', IndonesianText.Tokens(q.Title).Where(t => !IndonesianText.IsStopword(t))));
        cmd.Parameters.AddWithValue("text", text);
        cmd.Parameters.Add(new NpgsqlParameter("exclude", NpgsqlDbType.Uuid) { Value = (object?)q.ExcludeProposalId ?? DBNull.Value });
        cmd.Parameters.AddWithValue("wv", o.VectorWeight);
        cmd.Parameters.AddWithValue("wt", o.TextWeight);
        cmd.Parameters.AddWithValue("wtitle", o.TitleWeight);
        cmd.Parameters.AddWithValue("show", o.ShowThreshold);
        var rows = new List<Row>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new Row(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetGuid(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetString(7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.GetFieldValue<string[]>(12), r.GetFieldValue<string[]>(13)));
        return rows;
    }
}
