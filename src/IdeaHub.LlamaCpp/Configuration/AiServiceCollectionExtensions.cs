using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdeaHub.LlamaCpp.Configuration;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AiModels"/> (singleton, created on first use) and <see cref="IChatClient"/> /
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> resolving to it. Resolving a client whose role is not
    /// available throws <see cref="AiModelUnavailableException"/>; check <see cref="AiModels.ChatStatus"/> first to degrade.
    /// </summary>
    public static IServiceCollection AddLlamaCpp(this IServiceCollection services, AiOptions options)
    {
        services.AddSingleton(sp => AiModels.Create(options, sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<AiModels>().RequireChat());
        services.AddSingleton(sp => sp.GetRequiredService<AiModels>().RequireEmbeddings());
        return services;
    }
}
