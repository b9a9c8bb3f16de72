namespace IdeaHub.LlamaCpp.Configuration;

/// <summary>Where a role's model runs.</summary>
public enum AiProvider
{
    /// <summary>No model configured: the role is reported as unavailable, never faked.</summary>
    None,
    /// <summary>In-process llama.cpp with a local GGUF file.</summary>
    LlamaCpp,
    /// <summary>An OpenAI-compatible HTTP server (llama-server, vLLM, Ollama) reached with the OpenAI client.</summary>
    OpenAICompatible,
    /// <summary>A sentence-transformers BERT exported to ONNX plus its vocab.txt, run by ONNX Runtime (embedding only).</summary>
    Onnx,
}

/// <summary>What a model is used for.</summary>
public enum AiRole
{
    Chat,
    Embedding,
}

/// <summary>Configuration of one role; bind it from e.g. the "Ai:Chat" configuration section.</summary>
public sealed class AiModelOptions
{
    public AiProvider Provider { get; set; }
    /// <summary>GGUF file for <see cref="AiProvider.LlamaCpp"/>, .onnx file for <see cref="AiProvider.Onnx"/>.</summary>
    public string? ModelPath { get; set; }
    /// <summary>WordPiece vocab.txt for <see cref="AiProvider.Onnx"/>.</summary>
    public string? VocabularyPath { get; set; }
    /// <summary>
    /// Embedding prefixes for models trained with them: "e5" gives "query: " / "passage: " (multilingual-e5);
    /// null or "none" adds nothing. <see cref="QueryPrefix"/> / <see cref="PassagePrefix"/> override either.
    /// </summary>
    public string? Prefixes { get; set; }
    public string? QueryPrefix { get; set; }
    public string? PassagePrefix { get; set; }
    /// <summary>Base URL for <see cref="AiProvider.OpenAICompatible"/>, e.g. http://gpu-host:8080/v1.</summary>
    public string? Endpoint { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>Model name sent to the server (OpenAI-compatible); for the other providers the name it is known by.</summary>
    public string? Model { get; set; }
    /// <summary>Tokens per sequence (chat) or per decode (embeddings); null uses the defaults.</summary>
    public int? ContextLength { get; set; }
    public int MaxParallelSequences { get; set; } = 4;
    public int QueueCapacity { get; set; } = 32;
    /// <summary>KV-cache tokens kept for reused prompt prefixes (chat); 0 turns prefix reuse off.</summary>
    public int PrefixCacheTokens { get; set; } = 4096;
    /// <summary>KV-cache memory budget in MiB for all chat sequences (null: a quarter of the process's memory).</summary>
    public long? KvCacheMegabytes { get; set; }
    /// <summary>Decode threads; capped at the core count.</summary>
    public int? Threads { get; set; }
    public TimeSpan? RequestTimeout { get; set; }
}

/// <summary>AI configuration of the application (section IdeaHub:AI): one entry per role.</summary>
public sealed class AiOptions
{
    public AiModelOptions Chat { get; set; } = new();
    public AiModelOptions Embedding { get; set; } = new();
}

/// <summary>Whether a role can serve requests, and if not, why (shown to administrators and in health checks).</summary>
public sealed record ModelStatus(AiRole Role, AiProvider Provider, bool IsReady, string Description, string? Reason = null)
{
    public static ModelStatus NotConfigured(AiRole role) =>
        new(role, AiProvider.None, false, "not configured", $"No {role.ToString().ToLowerInvariant()} model is configured (Ai:{role}:Provider is None).");
}

/// <summary>Thrown when a caller uses a role whose model is not available; carries the status that explains why.</summary>
public sealed class AiModelUnavailableException(ModelStatus status)
    : LlamaException($"The {status.Role.ToString().ToLowerInvariant()} model is unavailable: {status.Reason}")
{
    public ModelStatus Status { get; } = status;
}
