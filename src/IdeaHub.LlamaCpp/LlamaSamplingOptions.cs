namespace IdeaHub.LlamaCpp;

/// <summary>Per-request sampling settings. A temperature of 0 (the default) means greedy decoding.</summary>
public sealed record LlamaSamplingOptions
{
    public float Temperature { get; init; }
    public float? TopP { get; init; }
    public int? TopK { get; init; }
    public float? MinP { get; init; }
    /// <summary>1 disables the penalty; applied over the last <see cref="RepeatLastN"/> tokens.</summary>
    public float RepeatPenalty { get; init; } = 1f;
    public int RepeatLastN { get; init; } = 64;
    /// <summary>Seed for random sampling; null picks a fresh random seed per request.</summary>
    public uint? Seed { get; init; }
    public int MaxTokens { get; init; } = 256;
    public IReadOnlyList<string> StopSequences { get; init; } = [];
    /// <summary>A GBNF grammar (root rule "root") that constrains every sampled token.</summary>
    public string? Grammar { get; init; }
    /// <summary>Keep generating past end-of-generation tokens (benchmarks need an exact token count).</summary>
    public bool IgnoreEndOfGeneration { get; init; }
    /// <summary>Wall-clock limit from submission to the last token, queue time included.</summary>
    public TimeSpan? Timeout { get; init; }
}

/// <summary>Why a generation ended.</summary>
public enum LlamaFinishReason
{
    EndOfGeneration,
    Length,
    StopSequence,
    ContextFull,
}

/// <summary>One streamed piece of output; the last chunk carries the finish reason and token counts.</summary>
public readonly record struct LlamaGenerationChunk(string Text, LlamaFinishReason? FinishReason, int PromptTokens, int OutputTokens, int CachedPromptTokens = 0);
