namespace IdeaHub.Web.Evidence;

public static class EvidenceExtensions
{
    public static IServiceCollection AddEvidence(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<EvidenceOptions>(config.GetSection("IdeaHub:Evidence"));
        return services.AddScoped<EvidenceService>();
    }

    public static IEndpointRouteBuilder MapEvidence(this IEndpointRouteBuilder app)
    {
        EvidenceApi.Map(app.MapGroup("/api"));
        return app;
    }
}
