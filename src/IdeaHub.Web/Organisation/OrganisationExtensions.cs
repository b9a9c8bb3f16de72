using Microsoft.AspNetCore.Identity;

namespace IdeaHub.Web.Organisation;

public static class OrganisationExtensions
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddScoped<IUserConfirmation<AppUser>, ActiveUserConfirmation>();
        services.Configure<IdentityOptions>(o => o.SignIn.RequireConfirmedAccount = true);
        services.AddSingleton<Data.IDemoSeeder, DemoOrganisationSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
