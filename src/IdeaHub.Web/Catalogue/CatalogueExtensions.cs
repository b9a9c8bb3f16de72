namespace IdeaHub.Web.Catalogue;

public static class CatalogueExtensions
{
    public static IServiceCollection AddCatalogue(this IServiceCollection services) => services.AddScoped<CatalogueService>();

    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder app)
    {
        CatalogueApi.Map(app.MapGroup("/api"));
        return app;
    }
}
