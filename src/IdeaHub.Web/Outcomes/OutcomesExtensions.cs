namespace IdeaHub.Web.Outcomes;

public static class OutcomesExtensions
{
    public static IServiceCollection AddOutcomes(this IServiceCollection services) => services.AddScoped<OutcomeService>().AddScoped<OutcomeDashboard>();

    public static IEndpointRouteBuilder MapOutcomes(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        OutcomesApi.Map(api);
        return app;
    }
}
