namespace IdeaHub.Web.Proposals;

public static class ProposalsExtensions
{
    public static IServiceCollection AddProposals(this IServiceCollection services)
    {
        services.AddScoped<ProposalService>();
        services.AddScoped<ProposalReader>();
        services.AddSingleton<Data.IDemoSeeder, DemoProposalSeeder>();
        // The editor also answers /proposals/new. PostConfigure: options configured before AddRazorPages lose their
        // conventions to its setup, and the "Usulan baru" button answered 404.
        services.PostConfigure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Proposals/Edit", "/proposals/new"));
        return services;
    }

    public static IEndpointRouteBuilder MapProposals(this IEndpointRouteBuilder app)
    {
        app.MapProposalsApi();
        return app;
    }
}
