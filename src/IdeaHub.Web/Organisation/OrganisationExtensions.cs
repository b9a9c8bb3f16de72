using Microsoft.AspNetCore.SignalR;
using IdeaHub.Web.Organisation.Import;
using Microsoft.AspNetCore.Identity;

namespace IdeaHub.Web.Organisation;

public static class OrganisationExtensions
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddScoped<IUserConfirmation<AppUser>, ActiveUserConfirmation>();
        services.AddSignInLimits();
        services.Configure<IdentityOptions>(o => o.SignIn.RequireConfirmedAccount = true);
        services.AddScoped<IdentityErrorDescriber, LocalizedIdentityErrors>();
        services.AddSingleton<Data.IDemoSeeder, DemoOrganisationSeeder>();
        services.AddHostedService<TenantBootstrap>();
        services.AddMemoryCache();
        services.AddSingleton<SessionGuard>();
        services.AddSingleton<HubSessions>();
        services.Configure<HubOptions>(o => o.AddFilter<HubSessions>());
        services.AddSingleton<SessionEnds>();
        services.AddSingleton<SessionStampInterceptor>();
        services.AddScoped<OpdAdmin>();
        services.AddScoped<RegencyClock>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<UserAdmin>();
        services.AddScoped<PasswordChanger>();
        services.AddScoped<OrganisationImporter>();
        services.AddScoped<AdminApi.Title>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder app)
    {
        app.MapAdminApi();
        return app;
    }
}
