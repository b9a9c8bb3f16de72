using IdeaHub.LlamaCpp.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdeaHub.Web.Assistant;

public static class AiModelsExtensions
{
    /// <summary>
    /// The app's one <see cref="AiModels"/> (chat model for the assistant and the duplicate judge, embedding model for
    /// Duplicates), configured under IdeaHub:AI (Chat, Embedding). Every feature that needs it calls this; the first wins.
    /// </summary>
    public static IServiceCollection AddAiModels(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => AiModels.Create(
            sp.GetRequiredService<IConfiguration>().GetSection("IdeaHub:AI").Get<AiOptions>() ?? new AiOptions(), sp.GetService<ILoggerFactory>()));
        return services;
    }
}
