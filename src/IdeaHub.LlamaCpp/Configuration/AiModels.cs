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
        var path = RequirePath(o);
        var client = LlamaChatClient.Create(path, new LlamaChatClientOptions
        {
            RequestTimeout = o.RequestTimeout,
            Scheduler = new LlamaSchedulerOptions
            {
                ContextLength = o.ContextLength, MaxParallelSequences = o.MaxParallelSequences, QueueCapacity = o.QueueCapacity, Threads = o.Threads,
            },
        }, logger);
        return (client, $"llama.cpp (LLamaSharp) {Path.GetFileName(path)}");
    }

    private static (object, string) CreateEmbeddings(AiModelOptions o, ILogger? logger)
    {
        if (o.Provider == AiProvider.OpenAICompatible)
            return (OpenAIClientFor(o).GetEmbeddingClient(RequireModel(o)).AsIEmbeddingGenerator(), $"{o.Model} at {o.Endpoint}");
        var path = RequirePath(o);
        var generator = LlamaEmbeddingGenerator.Create(path, new LlamaEmbeddingOptions
        {
            Threads = o.Threads, BatchTokens = o.ContextLength ?? 2048,
        }, logger);
        return (generator, $"llama.cpp (LLamaSharp) {Path.GetFileName(path)} ({generator.Dimensions} dimensions)");
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
        if (string.IsNullOrWhiteSpace(o.ModelPath)) throw new ArgumentException("ModelPath is required for the LlamaCpp provider.");
        return File.Exists(o.ModelPath) ? o.ModelPath : throw new LlamaModelLoadException($"Model file not found: {Path.GetFullPath(o.ModelPath)}");
    }

    public void Dispose()
    {
        Chat?.Dispose();
        Embeddings?.Dispose();
    }
}
