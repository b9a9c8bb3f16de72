namespace IdeaHub.LlamaCpp;

/// <summary>Base type of every error this library reports about llama.cpp.</summary>
public class LlamaException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The native library folder is missing, incomplete or not loadable.</summary>
public sealed class LlamaNativeLibraryException(string message, Exception? inner = null) : LlamaException(message, inner);

/// <summary>A model file exists but is not a GGUF llama.cpp can load (corrupt, truncated, unsupported).</summary>
public sealed class LlamaModelLoadException(string message, Exception? inner = null) : LlamaException(message, inner);

/// <summary>The model's architecture cannot serve the requested role (for example a BERT encoder used for chat).</summary>
public sealed class LlamaModelRoleException(string message) : LlamaException(message);

/// <summary>The prompt (plus room for one generated token) does not fit in a sequence's context window.</summary>
public sealed class LlamaContextOverflowException(int promptTokens, int contextTokens)
    : LlamaException($"The prompt has {promptTokens} tokens but a sequence holds at most {contextTokens}; shorten the input.")
{
    public int PromptTokens { get; } = promptTokens;
    public int ContextTokens { get; } = contextTokens;
}

/// <summary>The scheduler's wait queue is full; the caller should retry later (HTTP 503/429).</summary>
public sealed class LlamaQueueFullException(int capacity)
    : LlamaException($"The llama.cpp request queue is full ({capacity} waiting); try again later.")
{
    public int Capacity { get; } = capacity;
}

/// <summary>A request did not finish within its configured time limit.</summary>
public sealed class LlamaTimeoutException(TimeSpan limit)
    : LlamaException($"The llama.cpp request exceeded its time limit of {limit.TotalSeconds:0.#} s.");
