using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// <see cref="IChatClient"/> over an in-process llama.cpp model. Concurrent calls share one model and one context
/// through <see cref="LlamaScheduler"/>. Thread-safe.
/// </summary>
public sealed class LlamaChatClient : IChatClient
{
    private readonly LlamaScheduler _scheduler;
    private readonly LlamaChatClientOptions _options;
    private readonly bool _ownsModel;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Uses an existing scheduler (and its model); the caller keeps ownership of both.</summary>
    public LlamaChatClient(LlamaScheduler scheduler, LlamaChatClientOptions? options = null)
        : this(scheduler, options ?? new LlamaChatClientOptions(), ownsModel: false) { }

    private LlamaChatClient(LlamaScheduler scheduler, LlamaChatClientOptions options, bool ownsModel)
    {
        _scheduler = scheduler;
        _options = options;
        _ownsModel = ownsModel;
        _metadata = new ChatClientMetadata("llama.cpp", null, Path.GetFileNameWithoutExtension(scheduler.Model.Path));
    }

    /// <summary>Loads <paramref name="modelPath"/> and owns the model and its scheduler until disposed.</summary>
    public static LlamaChatClient Create(string modelPath, LlamaChatClientOptions? options = null, ILogger? logger = null)
    {
        options ??= new LlamaChatClientOptions();
        var model = LlamaModel.Load(modelPath, logger);
        try
        {
            return new LlamaChatClient(new LlamaScheduler(model, options.Scheduler), options, ownsModel: true);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        LlamaGenerationChunk last = default;
        await foreach (var chunk in Generate(messages, options, cancellationToken).ConfigureAwait(false))
        {
            text.Append(chunk.Text);
            last = chunk;
        }
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString()))
        {
            FinishReason = Map(last.FinishReason),
            ModelId = _metadata.DefaultModelId,
            Usage = Usage(last),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var responseId = Guid.NewGuid().ToString("N");
        await foreach (var chunk in Generate(messages, options, cancellationToken).ConfigureAwait(false))
        {
            var update = new ChatResponseUpdate(ChatRole.Assistant, chunk.Text)
            {
                ResponseId = responseId,
                ModelId = _metadata.DefaultModelId,
                FinishReason = Map(chunk.FinishReason),
            };
            if (chunk.FinishReason is not null) update.Contents.Add(new UsageContent(Usage(chunk)));
            yield return update;
        }
    }

    /// <summary>Tokens a sequence holds (prompt plus answer): what a caller's prompt budget must fit in.</summary>
    public int ContextLength => _scheduler.ContextPerSequence;

    /// <summary>Prompt tokens these messages take once formatted with the model's chat template.</summary>
    public int CountTokens(IEnumerable<ChatMessage> messages)
    {
        var (prompt, templated) = ChatPromptFormatter.Format(_scheduler.Model, messages);
        return _scheduler.Model.Tokenize(prompt, addSpecial: true, templated).Length;
    }

    private IAsyncEnumerable<LlamaGenerationChunk> Generate(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var (prompt, templated) = ChatPromptFormatter.Format(_scheduler.Model, list);
        var sampling = ChatOptionsMapper.Map(options, _options);
        return _scheduler.GenerateAsync(prompt, parseSpecial: templated, sampling, cancellationToken, Prefix(list, options));
    }

    /// <summary>
    /// "prefix_cache_key" in AdditionalProperties names the leading system messages as a reusable prefix; the key must
    /// change whenever their text can (e.g. prompt name and version).
    /// </summary>
    private PromptPrefix? Prefix(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue("prefix_cache_key", out var key) != true || key is not string k) return null;
        var system = messages.TakeWhile(m => m.Role == ChatRole.System).ToList();
        return system.Count == 0 || system.Count == messages.Count ? null : new PromptPrefix(k, ChatPromptFormatter.Format(_scheduler.Model, system).Prompt);
    }

    private static ChatFinishReason? Map(LlamaFinishReason? reason) => reason switch
    {
        null => null,
        LlamaFinishReason.Length or LlamaFinishReason.ContextFull => ChatFinishReason.Length,
        _ => ChatFinishReason.Stop,
    };

    private static UsageDetails Usage(LlamaGenerationChunk c) => new()
    {
        InputTokenCount = c.PromptTokens,
        OutputTokenCount = c.OutputTokens,
        TotalTokenCount = c.PromptTokens + c.OutputTokens,
        CachedInputTokenCount = c.CachedPromptTokens,
    };

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType.IsInstanceOfType(_scheduler) ? _scheduler
        : null;

    public void Dispose()
    {
        if (!_ownsModel) return;
        _scheduler.Dispose();
        _scheduler.Model.Dispose();
    }
}
