namespace IdeaHub.LlamaCpp;

/// <summary>How the shared generation context is sized and scheduled.</summary>
public sealed record LlamaSchedulerOptions
{
    /// <summary>
    /// Tokens per sequence (prompt + output); null follows the model's trained context. Either way capped by
    /// <see cref="KvCacheMegabytes"/> (see <see cref="ContextSizing"/>).
    /// </summary>
    public int? ContextLength { get; init; }
    /// <summary>KV-cache memory for all sequences and cached prefixes; null is a quarter of the process's available memory.</summary>
    public long? KvCacheMegabytes { get; init; }
    /// <summary>Tokens of KV cache kept for reused prompt prefixes (system parts); 0 turns prefix reuse off.</summary>
    public int PrefixCacheTokens { get; init; }
    /// <summary>Most prefixes kept at once (each takes a sequence of the context).</summary>
    public int PrefixCacheSlots { get; init; } = 4;
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
