using Microsoft.Extensions.AI;

namespace IdeaHub.Web.Duplicates;

/// <summary>
/// lexical-v2: signed feature hashing of <see cref="TermAnalyzer"/>'s weighted terms (lexicon-normalised, stemmed,
/// title 1.5×), L2-normalised. The vector only finds candidates (HNSW); the score comes from the same terms weighted
/// by how rare they are in this deployment (<see cref="TermStatistics"/>), which a stored vector cannot follow as the
/// corpus grows. A new id, so its vectors never mix with lexical-v1's. The input's first line is the title.
/// </summary>
public sealed class LexicalV2Embedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string Id = "lexical-v2";
    public const int Dimensions = 384;

    public EmbeddingGeneratorMetadata Metadata { get; } = new("lexical", null, Id, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var v in values) list.Add(new Embedding<float>(Embed(v)) { ModelId = Id });
        return Task.FromResult(list);
    }

    public static float[] Embed(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var analyzed = newline < 0 ? TermAnalyzer.Analyze(text, "") : TermAnalyzer.Analyze(text[..newline], text[(newline + 1)..]);
        var vector = new float[Dimensions];
        foreach (var (term, weight) in analyzed.Weights)
        {
            var h = 14695981039346656037UL; // FNV-1a 64: stable across processes
            foreach (var c in term) { h ^= c; h *= 1099511628211UL; }
            vector[(int)(h % Dimensions)] += (h >> 63) == 0 ? weight : -weight;
        }
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
