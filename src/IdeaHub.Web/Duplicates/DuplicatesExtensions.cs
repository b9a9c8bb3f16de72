using IdeaHub.Web.Assistant;

namespace IdeaHub.Web.Duplicates;

/// <summary>Marker for the feature's localised text (Resources/Duplicates/DuplicatesText*.resx).</summary>
public sealed class DuplicatesText;

public static class DuplicatesExtensions
{
    public static IServiceCollection AddDuplicates(this IServiceCollection services)
    {
        services.AddOptions<DuplicateOptions>().BindConfiguration("Duplicates");
        services.AddAiModels(); // the embedding model (IdeaHub:AI:Embedding) and the judge's chat model
        services.AddSingleton<DuplicatesData>();
        services.AddSingleton<LexicalEmbedder>();
        services.AddSingleton<LexicalV2Embedder>();
        services.AddSingleton<TermStatistics>();
        services.AddSingleton<SimilarCandidates>();
        services.AddSingleton<ProposalEmbeddings>();
        services.AddSingleton<DuplicateJudge>();
        services.AddSingleton<EmbedderCatalog>();
        services.AddSingleton<DuplicateIndex>();
        services.AddSingleton<SimilarityScorer>();
        services.AddScoped<SimilarReader>();
        services.AddScoped<DuplicateLinks>();
        services.AddHostedService<EmbeddingWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapDuplicates(this IEndpointRouteBuilder app)
    {
        app.MapDuplicatesApi();
        app.MapDuplicatesAdminApi();
        return app;
    }
}
