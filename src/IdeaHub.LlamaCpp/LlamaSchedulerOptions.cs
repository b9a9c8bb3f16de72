namespace IdeaHub.LlamaCpp;

/// <summary>How the shared generation context is sized and scheduled.</summary>
public sealed record LlamaSchedulerOptions
{
    /// <summary>Tokens per sequence (prompt + output); null uses the model's training length capped at 4096.</summary>
    public int? ContextLength { get; init; }
    /// <summary>Sequences decoded together in one context (continuous batching).</summary>
    public int MaxParallelSequences { get; init; } = 4;
    /// <summary>Requests allowed to wait for a free sequence; one more is rejected with <see cref="LlamaQueueFullException"/>.</summary>
    public int QueueCapacity { get; init; } = 32;
    /// <summary>Decode threads; always capped at the machine's core count because oversubscription is very slow.</summary>
    public int? Threads { get; init; }
    /// <summary>Most tokens submitted in one decode step (prompt chunks of all sequences together).</summary>
    public int BatchSize { get; init; } = 512;

    internal int EffectiveThreads => Math.Max(1, Math.Min(Environment.ProcessorCount, Threads ?? Environment.ProcessorCount));
}
