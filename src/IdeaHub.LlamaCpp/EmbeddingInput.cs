using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// Says whether a text is a search query or a stored passage, for models trained with different prefixes for the two
/// (e5: "query: " / "passage: "). Unmarked inputs are passages.
/// </summary>
public static class EmbeddingInput
{
    public const string KindKey = "ideahub.input_kind";

    /// <summary>Options marking the inputs as queries.</summary>
    public static EmbeddingGenerationOptions Query() => new() { AdditionalProperties = new() { [KindKey] = "query" } };

    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(KindKey, out var v) == true && v as string == "query";
}

/// <summary>Adds the model's query or passage prefix to every input (configured per model, e.g. e5's).</summary>
public sealed class PrefixingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, string queryPrefix, string passagePrefix)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prefix = EmbeddingInput.IsQuery(options) ? queryPrefix : passagePrefix;
        return base.GenerateAsync(values.Select(v => prefix + v), options, cancellationToken);
    }
}
