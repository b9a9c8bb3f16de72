using IdeaHub.LlamaCpp.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdeaHub.Web.Assistant;

public static class AssistantExtensions
{
    public static IServiceCollection AddAssistant(this IServiceCollection services)
    {
        services.AddOptions<AssistantOptions>().BindConfiguration("IdeaHub:AI:Assistant");
        services.AddSingleton<PromptLibrary>();
        services.AddSingleton(sp => new AssistantGate(sp.GetRequiredService<IOptions<AssistantOptions>>().Value.MaxConcurrentRuns));
        services.AddSingleton<AssistantRunner>();
        services.AddAiModels();
        services.TryAddSingleton(sp => AssistantModel.From(sp.GetRequiredService<AiModels>()));
        services.AddSignalR();
        return services;
    }

    public static IEndpointRouteBuilder MapAssistant(this IEndpointRouteBuilder app)
    {
        app.MapAssistantApi();
        app.MapHub<AssistantHub>(AssistantHub.Path);
        return app;
    }
}
