namespace IdeaHub.LlamaCpp;

/// <summary>
/// How many tokens one sequence may hold. It follows the model: its trained context unless the configuration sets
/// a length, and never more than the KV-cache memory budget allows for all parallel sequences (a 32k-token Qwen2.5
/// context times four sequences would take 3.5 GiB of KV cache on a server that may have 8).
/// </summary>
public static class ContextSizing
{
    /// <summary>Smallest useful context; below this the budget is ignored rather than making the model unusable.</summary>
    public const int Floor = 512;

    public static int PerSequence(LlamaModel model, LlamaSchedulerOptions options)
    {
        var wanted = options.ContextLength ?? model.TrainContextLength;
        var bytesPerToken = KvBytesPerToken(model);
        if (bytesPerToken <= 0) return Math.Max(Floor, wanted);
        var budget = (options.KvCacheMegabytes is { } mb ? mb * 1024L * 1024L : DefaultBudgetBytes()) - options.PrefixCacheTokens * bytesPerToken;
        var byMemory = budget / (bytesPerToken * Math.Max(1, options.MaxParallelSequences));
        return (int)Math.Max(Floor, Math.Min(wanted, byMemory));
    }

    /// <summary>f16 K and V for every layer: layers × 2 × (embedding / heads × kv heads) × 2 bytes.</summary>
    public static long KvBytesPerToken(LlamaModel model)
    {
        var arch = model.Architecture;
        if (!long.TryParse(model.GetMetadata($"{arch}.block_count"), out var layers)
            || !long.TryParse(model.GetMetadata($"{arch}.embedding_length"), out var width)
            || !long.TryParse(model.GetMetadata($"{arch}.attention.head_count"), out var heads) || heads == 0)
            return 0;
        var kvHeads = long.TryParse(model.GetMetadata($"{arch}.attention.head_count_kv"), out var kv) ? kv : heads;
        return layers * 2 * (width / heads * kvHeads) * 2;
    }

    // A quarter of the memory the process may use: the model's weights, the app and the database need the rest.
    private static long DefaultBudgetBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;
}
