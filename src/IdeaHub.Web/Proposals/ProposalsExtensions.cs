namespace IdeaHub.Web.Proposals;

public static class ProposalsExtensions
{
    public static IServiceCollection AddProposals(this IServiceCollection services)
    {
        services.AddScoped<ProposalService>();
        services.AddSingleton<Data.IDemoSeeder, DemoProposalSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapProposals(this IEndpointRouteBuilder app)
    {
        app.MapProposalsApi();
        return app;
    }
}
