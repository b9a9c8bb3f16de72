using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;

namespace IdeaHub.Web.Duplicates;

/// <summary>
/// An embedder that needs no model: signed feature hashing of stemmed Indonesian words, word bigrams and
/// character n-grams of the stems, sublinear term weights, L2-normalised. It captures shared vocabulary, not
/// meaning, so the UI and API label it "lexical". The first line of the input is the title and counts double.
/// </summary>
public sealed class LexicalEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string Id = "lexical-v1";
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
        var counts = new Dictionary<ulong, float>();
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var (title, body) = newline < 0 ? (text, "") : (text[..newline], text[(newline + 1)..]);
        AddFeatures(counts, IndonesianText.Stems(title), 2f);
        AddFeatures(counts, IndonesianText.Stems(body), 1f);

        var vector = new float[Dimensions];
        foreach (var (h, count) in counts)
        {
            var weight = count <= 1f ? count : 1f + MathF.Log(count); // sublinear, continuous at 1
            vector[(int)(h % Dimensions)] += (h >> 63) == 0 ? weight : -weight;
        }
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    private static void AddFeatures(Dictionary<ulong, float> counts, List<string> stems, float scale)
    {
        for (var i = 0; i < stems.Count; i++)
        {
            var s = stems[i];
            var common = IndonesianText.IsCommon(s) ? 0.3f : 1f;
            var word = Hash(Seed('w'), s);
            Add(counts, word, 1.0f * scale * common);
            if (i + 1 < stems.Count) Add(counts, Hash(Hash(word, " "), stems[i + 1]), 0.5f * scale * common);
            var padded = "<" + s + ">";
            for (var n = 3; n <= 4; n++)
                for (var j = 0; j + n <= padded.Length; j++)
                    Add(counts, Hash(Seed('c'), padded.AsSpan(j, n)), 0.15f * scale * common);
        }
    }

    private static void Add(Dictionary<ulong, float> counts, ulong key, float w)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        slot += w;
    }

    private const ulong FnvOffset = 14695981039346656037UL;

    /// <summary>Feature kinds (word, character n-gram) hash in separate spaces.</summary>
    private static ulong Seed(char kind) => Hash(FnvOffset, [kind, ':']);

    /// <summary>FNV-1a 64, continued from <paramref name="h"/>: stable across processes, unlike string.GetHashCode.</summary>
    private static ulong Hash(ulong h, ReadOnlySpan<char> s)
    {
        foreach (var c in s) { h ^= c; h *= 1099511628211UL; }
        return h;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
