using IdeaHub.Web.Proposals;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace IdeaHub.Web.Duplicates;

/// <summary>One candidate as stored: where it belongs, its vector cosine to the query, title trigram similarity, terms.</summary>
internal sealed record Candidate(Guid Id, Guid PemkabId, string PemkabName, Guid OpdId, string OpdName, string Title, string Stage,
    string Status, double Vector, double Trgm, string[] Terms, float[] Weights, string[] Surface, string[] TitleTerms);

/// <summary>
/// The candidates of a similarity search in one SQL statement (one round trip): the n nearest vectors of the active
/// embedder in the caller's Pemkab (the planner's exact scan of a few thousand) and in the others (HNSW, filtered
/// iterative scans), and n proposals of the own Pemkab whose stored <c>search_tsv</c> contains every title term but
/// stopwords (the OFFSET 0 fence keeps the planner on the Pemkab; deployment-wide the GIN walk of common title terms
/// cost 9–19 ms at 1,000,000 proposals). Each comes with its lexical-v2 terms; scoring happens in
/// <see cref="SimilarityScorer"/>. Other Pemkabs' proposals are candidates only once public; merged or archived proposals never are.
/// </summary>
public sealed class SimilarCandidates(DuplicatesData data)
{
    internal async Task<List<Candidate>> FindAsync(EmbedderInfo e, SimilarityCaller caller, SimilarityQuery q, float[] vector, int n,
        CancellationToken ct)
    {
        // The embedder id and dimension are inlined (the id is validated by EmbedderCatalog) so the planner matches the
        // partial HNSW index. The query vector is bound as a pgvector value (Pgvector's Npgsql plugin): nothing converts it per row.
        const string v = "@v";
        var col = $"pe.embedding::vector({e.Dims})";
        var sql = $"""
            WITH hits AS (
              (SELECT pe.proposal_id AS id, {col} <=> {v} AS d FROM proposal_embedding pe
                 WHERE pe.embedder_id = '{e.Id}' AND pe.pemkab_id = @pemkab ORDER BY {col} <=> {v} LIMIT @n)
              UNION ALL (SELECT pe.proposal_id, {col} <=> {v} FROM proposal_embedding pe
                 WHERE pe.embedder_id = '{e.Id}' AND pe.pemkab_id <> @pemkab ORDER BY {col} <=> {v} LIMIT @n)
              UNION ALL (SELECT own.id, NULL FROM (SELECT p.id, p.search_tsv FROM proposal p WHERE p.pemkab_id = @pemkab OFFSET 0) own
                 WHERE own.search_tsv @@ plainto_tsquery('indonesian', @titleterms) LIMIT @n)
            ), cand AS (
              SELECT DISTINCT ON (id) id, d FROM hits ORDER BY id, d NULLS LAST
            )
            SELECT p.id, p.pemkab_id, k.name, p.opd_id, o.name, p.title, p.stage, p.status,
              coalesce(1 - coalesce(cand.d, (SELECT {col} <=> {v} FROM proposal_embedding pe
                WHERE pe.proposal_id = p.id AND pe.embedder_id = '{e.Id}')), 0),
              similarity(p.title, @title)::float8,
              coalesce(pt.terms, ARRAY[]::text[]), coalesce(pt.weights, ARRAY[]::real[]),
              coalesce(pt.surface, ARRAY[]::text[]), coalesce(pt.title_terms, ARRAY[]::text[])
            FROM cand JOIN proposal p ON p.id = cand.id JOIN opd o ON o.id = p.opd_id JOIN pemkab k ON k.id = p.pemkab_id
              LEFT JOIN proposal_terms pt ON pt.proposal_id = p.id
            WHERE p.id IS DISTINCT FROM @exclude AND p.merged_into_id IS NULL AND p.status <> 'Archived'
              AND (p.pemkab_id = @pemkab OR p.status = ANY(@priorart))
            """;
        await using var cmd = data.Source.CreateCommand(sql);
        cmd.Parameters.AddWithValue("v", new Vector(vector));
        cmd.Parameters.AddWithValue("pemkab", caller.PemkabId);
        cmd.Parameters.AddWithValue("n", n);
        // Another Pemkab's proposals are candidates only once public (ProposalAccess.PriorArtStatuses).
        cmd.Parameters.AddWithValue("priorart", ProposalAccess.PriorArtStatuses.Select(x => x.ToString()).ToArray());
        cmd.Parameters.AddWithValue("title", q.Title);
        cmd.Parameters.AddWithValue("titleterms",
            string.Join(' ', IndonesianText.Tokens(q.Title).Where(t => !IndonesianText.IsStopword(t))));
        cmd.Parameters.Add(new NpgsqlParameter("exclude", NpgsqlDbType.Uuid) { Value = (object?)q.ExcludeProposalId ?? DBNull.Value });
        var rows = new List<Candidate>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new Candidate(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetGuid(3), r.GetString(4), r.GetString(5),
                r.GetString(6), r.GetString(7), r.GetDouble(8), r.GetDouble(9), r.GetFieldValue<string[]>(10),
                r.GetFieldValue<float[]>(11), r.GetFieldValue<string[]>(12), r.GetFieldValue<string[]>(13)));
        return rows;
    }
}
