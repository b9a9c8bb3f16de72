using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdeaHub.LlamaCpp.Configuration;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Starts the configured models now and registers <see cref="AiModels"/> plus, for each role that is ready,
    /// <see cref="IChatClient"/> / <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>. A role that is not configured
    /// or failed to start is simply not registered (GetService returns null); <see cref="AiModels"/> says why.
    /// Loading happens here rather than lazily so that "is a model available?" has an answer at registration time.
    /// </summary>
    public static AiModels AddLlamaCpp(this IServiceCollection services, AiOptions options, ILoggerFactory? loggerFactory = null)
    {
        var models = AiModels.Create(options, loggerFactory);
        // Registered through a factory so the container disposes the models (and their native memory) at shutdown.
        services.AddSingleton(_ => models);
        if (models.Chat is { } chat) services.AddSingleton(chat);
        if (models.Embeddings is { } embeddings) services.AddSingleton(embeddings);
        return models;
    }
}
