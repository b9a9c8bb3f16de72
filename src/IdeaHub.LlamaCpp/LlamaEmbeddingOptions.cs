namespace IdeaHub.LlamaCpp;

/// <summary>Settings of an in-process llama.cpp embedding model.</summary>
public sealed record LlamaEmbeddingOptions
{
    /// <summary>Tokens decoded together (several inputs packed); also the longest single input.</summary>
    public int BatchTokens { get; init; } = 2048;
    /// <summary>Inputs packed into one decode.</summary>
    public int MaxInputsPerBatch { get; init; } = 16;
    /// <summary>Decode threads, capped at the machine's core count.</summary>
    public int? Threads { get; init; }
    /// <summary>The name the model is known by (its embedder id derives from it); null: the file name.</summary>
    public string? ModelId { get; init; }
    /// <summary>Overrides the model's pooling; models without one (decoder LLMs) default to mean pooling.</summary>
    public LlamaPoolingType? Pooling { get; init; }
}
