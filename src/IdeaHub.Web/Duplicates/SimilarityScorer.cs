using IdeaHub.LlamaCpp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace IdeaHub.Web.Duplicates;

/// <summary>Who asks: decides which Pemkab counts as "own" and whose drafts may be read.</summary>
public sealed record SimilarityCaller(Guid PemkabId, Guid? OpdId);

/// <param name="TextIsStored">The text is a stored proposal's current text (so it already counts in the term statistics).</param>
/// <param name="ContentHash">With <paramref name="ExcludeProposalId"/>: that proposal's content hash, so its stored vector is reused.</param>
public sealed record SimilarityQuery(string Title, string Text, Guid? ExcludeProposalId = null, int K = 10, bool TextIsStored = false,
    string? ContentHash = null);

public sealed record SimilarMatch(Guid ProposalId, string Title, string PemkabName, string OpdName, string Stage, string Status,
    double Score, double Vector, double Text, double TitleSimilarity, IReadOnlyList<string> Signals, IReadOnlyList<string> SharedTerms,
    bool LikelyDuplicate, bool Restricted, bool PriorArt);

/// <param name="SamePemkab">Possible duplicates inside the caller's Pemkab (across OPDs).</param>
/// <param name="PriorArt">Similar non-draft innovations of other Pemkabs of this deployment: to learn from, not a fault.</param>
/// <param name="Judge">A chat model is configured: the page may ask for verdicts (<see cref="DuplicateJudge"/>) after showing this list.</param>
public sealed record SimilarResult(string Embedder, string EmbedderKind, IReadOnlyList<SimilarMatch> SamePemkab, IReadOnlyList<SimilarMatch> PriorArt,
    bool Judge = false);

/// <summary>
/// Hybrid similarity: candidates from <see cref="SimilarCandidates"/>, each scored on the active embedder's vector cosine
/// and on the cosine of lexical-v2 terms weighted by how rare they are among this deployment's proposals
/// (<see cref="TermStatistics"/>), fused with the embedder's own weight and flagged from its own threshold
/// (<see cref="EmbedderInfo"/>). The explanation lists shared words as the other proposal's author wrote them;
/// <see cref="SimilarReader"/> removes everything of a match the reader may not open.
/// </summary>
public sealed class SimilarityScorer(SimilarCandidates candidates, EmbedderCatalog catalog, TermStatistics statistics,
    ProposalEmbeddings stored, IOptions<DuplicateOptions> options)
{
    public async Task<SimilarResult> FindAsync(SimilarityCaller caller, SimilarityQuery q, CancellationToken ct = default)
    {
        var o = options.Value;
        var embedder = await catalog.ActiveAsync(ct);
        var text = q.Text.Contains(q.Title, StringComparison.Ordinal) ? q.Text : q.Title + "\n" + q.Text;
        // A stored proposal's vector is read, not computed again: a model embedder costs far more than the lookup.
        var vector = q is { ExcludeProposalId: { } id, ContentHash: { } hash } && await stored.StoredAsync(id, embedder.Id, hash, ct) is { } v ? v
            : (await embedder.Generator.GenerateAsync([text], EmbeddingInput.Query(), ct))[0].Vector.ToArray();
        var rows = await candidates.FindAsync(embedder, caller, q, vector, Math.Max(q.K * 4, 40), ct);
        var query = QueryTerms.Of(q, text, await statistics.CurrentAsync(ct));
        var matches = rows.Select(r => ToMatch(r, query, caller, embedder, o)).Where(m => m.Score >= o.ShowThreshold)
            .OrderByDescending(m => m.Score).ThenBy(m => m.ProposalId).ToList();
        return new SimilarResult(embedder.Id, embedder.Kind, [.. matches.Where(m => !m.PriorArt).Take(q.K)],
            [.. matches.Where(m => m.PriorArt).Take(q.K)]);
    }

    private static SimilarMatch ToMatch(Candidate r, QueryTerms query, SimilarityCaller caller, EmbedderInfo e, DuplicateOptions o)
    {
        var (lexical, shared) = query.Compare(r);
        var score = e.VectorWeight * Math.Max(r.Vector, 0) + (1 - e.VectorWeight) * lexical;
        var signals = new List<string>();
        if (r.Vector >= o.VectorSignal) signals.Add("vector");
        if (lexical >= o.TextSignal) signals.Add("fulltext");
        if (r.Trgm >= o.TitleSignal) signals.Add("title");
        var own = r.PemkabId == caller.PemkabId;
        var words = shared.OrderByDescending(i => r.TitleTerms.Contains(r.Terms[i])).Select(i => r.Surface[i])
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(8).ToList();
        return new SimilarMatch(r.Id, r.Title, r.PemkabName, r.OpdName, r.Stage, r.Status, Math.Round(score, 4), Math.Round(r.Vector, 4),
            Math.Round(lexical, 4), Math.Round(r.Trgm, 4), signals, words, own && score >= e.FlagThreshold,
            Restricted: false, PriorArt: !own); // whether the reader may open it: SimilarReader asks the rule
    }

    /// <summary>The query's terms weighted by inverse document frequency, and the norm of that vector.</summary>
    private sealed class QueryTerms(Dictionary<string, double> weights, double norm, TermSnapshot stats, bool stored)
    {
        public static QueryTerms Of(SimilarityQuery q, string text, TermSnapshot stats)
        {
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            var analyzed = TermAnalyzer.Analyze(q.Title, newline < 0 ? "" : text[(newline + 1)..]);
            var stored = q.TextIsStored;
            var w = analyzed.Weights.ToDictionary(x => x.Key, x => x.Value * stats.Idf(x.Key, stored), StringComparer.Ordinal);
            return new QueryTerms(w, Math.Sqrt(w.Values.Sum(x => x * x)), stats, stored);
        }

        /// <summary>Weighted cosine with a candidate, and the indexes of the candidate's terms that contributed, best first.</summary>
        public (double Cosine, List<int> Shared) Compare(Candidate c)
        {
            double dot = 0, sq = 0;
            var shared = new List<(int, double)>();
            for (var i = 0; i < c.Terms.Length; i++)
            {
                var x = c.Weights[i] * stats.Idf(c.Terms[i], stored);
                sq += x * x;
                if (x > 0 && weights.TryGetValue(c.Terms[i], out var y) && y > 0)
                {
                    dot += x * y;
                    shared.Add((i, x * y));
                }
            }
            var cosine = norm == 0 || sq == 0 ? 0 : dot / (norm * Math.Sqrt(sq));
            return (cosine, shared.OrderByDescending(s => s.Item2).Select(s => s.Item1).ToList());
        }
    }
}
