namespace IdeaHub.LlamaCpp;

/// <summary>Settings of an in-process llama.cpp chat model.</summary>
public sealed record LlamaChatClientOptions
{
    public LlamaSchedulerOptions Scheduler { get; init; } = new();
    /// <summary>Sampling used where a request's ChatOptions say nothing.</summary>
    public LlamaSamplingOptions DefaultSampling { get; init; } = new();
    /// <summary>Limit for each request, queue time included; null for none.</summary>
    public TimeSpan? RequestTimeout { get; init; }
}
