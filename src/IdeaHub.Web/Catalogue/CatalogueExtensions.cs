namespace IdeaHub.Web.Catalogue;

public static class CatalogueExtensions
{
    public static IServiceCollection AddCatalogue(this IServiceCollection services) => services.AddScoped<CatalogueService>().AddScoped<NationalIndexExport>();

    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        CatalogueApi.Map(api);
        NationalIndexApi.Map(api);
        return app;
    }
}
