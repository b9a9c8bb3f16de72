using System.Globalization;
using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// Maps Microsoft.Extensions.AI options onto llama.cpp sampling. Settings ChatOptions has no property for are read
/// from AdditionalProperties: "min_p", "repeat_penalty", "repeat_last_n", "grammar" (GBNF), "timeout" (TimeSpan or seconds).
/// </summary>
internal static class ChatOptionsMapper
{
    public static LlamaSamplingOptions Map(ChatOptions? o, LlamaChatClientOptions defaults)
    {
        var d = defaults.DefaultSampling;
        if (o is null) return d with { Timeout = d.Timeout ?? defaults.RequestTimeout };
        var extra = o.AdditionalProperties;
        return d with
        {
            Temperature = o.Temperature ?? d.Temperature,
            TopP = o.TopP ?? d.TopP,
            TopK = o.TopK ?? d.TopK,
            Seed = o.Seed is { } seed ? unchecked((uint)seed) : d.Seed,
            MaxTokens = o.MaxOutputTokens ?? d.MaxTokens,
            StopSequences = o.StopSequences is { Count: > 0 } stops ? [.. stops] : d.StopSequences,
            MinP = Float(extra, "min_p") ?? d.MinP,
            RepeatPenalty = Float(extra, "repeat_penalty") ?? d.RepeatPenalty,
            RepeatLastN = (int?)Float(extra, "repeat_last_n") ?? d.RepeatLastN,
            Grammar = GrammarFor(o.ResponseFormat) ?? (extra?.TryGetValue("grammar", out var g) == true ? g?.ToString() : null) ?? d.Grammar,
            Timeout = Timeout(extra) ?? d.Timeout ?? defaults.RequestTimeout,
        };
    }

    private static string? GrammarFor(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } => JsonSchemaGrammar.FromSchema(schema),
        ChatResponseFormatJson => JsonSchemaGrammar.AnyJsonObject,
        _ => null,
    };

    private static float? Float(AdditionalPropertiesDictionary? extra, string key) =>
        extra is not null && extra.TryGetValue(key, out var v) && v is not null
            ? Convert.ToSingle(v, CultureInfo.InvariantCulture)
            : null;

    private static TimeSpan? Timeout(AdditionalPropertiesDictionary? extra) =>
        extra is not null && extra.TryGetValue("timeout", out var v) ? v switch
        {
            TimeSpan t => t,
            null => null,
            _ => TimeSpan.FromSeconds(Convert.ToDouble(v, CultureInfo.InvariantCulture)),
        } : null;
}
