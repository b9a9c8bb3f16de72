using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace IdeaHub.LlamaCpp.Configuration;

/// <summary>
/// The application's chat and embedding models as chosen by <see cref="AiOptions"/>. A role that is not configured
/// or failed to start has a null client and a <see cref="ModelStatus"/> saying why; nothing is ever faked.
/// </summary>
public sealed class AiModels : IDisposable
{
    private AiModels(IChatClient? chat, ModelStatus chatStatus, IEmbeddingGenerator<string, Embedding<float>>? embeddings, ModelStatus embeddingStatus)
    {
        Chat = chat;
        ChatStatus = chatStatus;
        Embeddings = embeddings;
        EmbeddingStatus = embeddingStatus;
    }

    public IChatClient? Chat { get; }
    public ModelStatus ChatStatus { get; }
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; }
    public ModelStatus EmbeddingStatus { get; }

    public IChatClient RequireChat() => Chat ?? throw new AiModelUnavailableException(ChatStatus);

    public IEmbeddingGenerator<string, Embedding<float>> RequireEmbeddings() => Embeddings ?? throw new AiModelUnavailableException(EmbeddingStatus);

    /// <summary>Builds both roles. Load failures are logged and reported in the status rather than thrown.</summary>
    public static AiModels Create(AiOptions options, ILoggerFactory? loggerFactory = null)
    {
        var logger = loggerFactory?.CreateLogger("IdeaHub.LlamaCpp");
        var (chat, chatStatus) = Build(AiRole.Chat, options.Chat, logger, o => CreateChat(o, logger));
        var (emb, embStatus) = Build(AiRole.Embedding, options.Embedding, logger, o => CreateEmbeddings(o, logger));
        return new AiModels((IChatClient?)chat, chatStatus, (IEmbeddingGenerator<string, Embedding<float>>?)emb, embStatus);
    }

    private static (object? Client, ModelStatus Status) Build(AiRole role, AiModelOptions o, ILogger? logger, Func<AiModelOptions, (object, string)> create)
    {
        if (o.Provider == AiProvider.None) return (null, ModelStatus.NotConfigured(role));
        try
        {
            var (client, description) = create(o);
            return (client, new ModelStatus(role, o.Provider, true, description));
        }
        catch (Exception ex) when (ex is LlamaException or IOException or ArgumentException or UriFormatException)
        {
            logger?.LogError(ex, "The {Role} model could not be started", role);
            return (null, new ModelStatus(role, o.Provider, false, "failed to start", ex.Message));
        }
    }

    private static (object, string) CreateChat(AiModelOptions o, ILogger? logger)
    {
        if (o.Provider == AiProvider.OpenAICompatible)
            return (OpenAIClientFor(o).GetChatClient(RequireModel(o)).AsIChatClient(), $"{o.Model} at {o.Endpoint}");
        if (o.Provider == AiProvider.Onnx) throw new ArgumentException("The Onnx provider serves embeddings only.");
        var path = RequirePath(o);
        var client = LlamaChatClient.Create(path, new LlamaChatClientOptions
        {
            RequestTimeout = o.RequestTimeout,
            Scheduler = new LlamaSchedulerOptions
            {
                ContextLength = o.ContextLength, MaxParallelSequences = o.MaxParallelSequences, QueueCapacity = o.QueueCapacity, Threads = o.Threads,
                PrefixCacheTokens = o.PrefixCacheTokens, KvCacheMegabytes = o.KvCacheMegabytes,
            },
        }, logger);
        return (client, $"llama.cpp (LLamaSharp) {Path.GetFileName(path)}");
    }

    private static (object, string) CreateEmbeddings(AiModelOptions o, ILogger? logger)
    {
        var (generator, description) = CreateEmbeddingModel(o, logger);
        var (query, passage) = PrefixesOf(o);
        return query.Length + passage.Length == 0 ? (generator, description)
            : (new PrefixingEmbeddingGenerator(generator, query, passage), $"{description}, prefixes '{query}' / '{passage}'");
    }

    private static (IEmbeddingGenerator<string, Embedding<float>>, string) CreateEmbeddingModel(AiModelOptions o, ILogger? logger)
    {
        switch (o.Provider)
        {
            case AiProvider.OpenAICompatible:
                return (OpenAIClientFor(o).GetEmbeddingClient(RequireModel(o)).AsIEmbeddingGenerator(), $"{o.Model} at {o.Endpoint}");
            case AiProvider.Onnx:
                var onnx = Onnx.OnnxEmbeddingGenerator.Create(RequirePath(o),
                    o.VocabularyPath ?? throw new ArgumentException("VocabularyPath is required for the Onnx provider."),
                    o.Model, o.Threads, o.ContextLength ?? 256);
                return (onnx, $"ONNX Runtime {Path.GetFileName(o.ModelPath)} ({onnx.Dimensions} dimensions)");
            default:
                var path = RequirePath(o);
                var gguf = LlamaEmbeddingGenerator.Create(path, new LlamaEmbeddingOptions
                {
                    Threads = o.Threads, BatchTokens = o.ContextLength ?? 2048, ModelId = o.Model,
                }, logger);
                return (gguf, $"llama.cpp (LLamaSharp) {Path.GetFileName(path)} ({gguf.Dimensions} dimensions)");
        }
    }

    /// <summary>The query and passage prefixes the configuration asks for.</summary>
    public static (string Query, string Passage) PrefixesOf(AiModelOptions o)
    {
        var (query, passage) = o.Prefixes?.Trim().ToLowerInvariant() switch
        {
            null or "" or "none" => ("", ""),
            "e5" => ("query: ", "passage: "),
            var other => throw new ArgumentException($"Unknown Prefixes '{other}' (use none or e5, or set QueryPrefix / PassagePrefix)."),
        };
        return (o.QueryPrefix ?? query, o.PassagePrefix ?? passage);
    }

    private static OpenAIClient OpenAIClientFor(AiModelOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Endpoint)) throw new ArgumentException("Endpoint is required for an OpenAI-compatible server.");
        // Local servers usually ignore the key, but the client requires one.
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(o.ApiKey) ? "none" : o.ApiKey), new OpenAIClientOptions { Endpoint = new Uri(o.Endpoint) });
    }

    private static string RequireModel(AiModelOptions o) =>
        string.IsNullOrWhiteSpace(o.Model) ? throw new ArgumentException("Model is required for an OpenAI-compatible server.") : o.Model;

    private static string RequirePath(AiModelOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.ModelPath)) throw new ArgumentException($"ModelPath is required for the {o.Provider} provider.");
        return File.Exists(o.ModelPath) ? o.ModelPath : throw new LlamaModelLoadException($"Model file not found: {Path.GetFullPath(o.ModelPath)}");
    }

    public void Dispose()
    {
        Chat?.Dispose();
        Embeddings?.Dispose();
    }
}
