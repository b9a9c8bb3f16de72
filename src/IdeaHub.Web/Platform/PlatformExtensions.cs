using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;

namespace IdeaHub.Web.Platform;

public static class PlatformExtensions
{
    public static IServiceCollection AddIdeaHubPlatform(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddScoped<Localizer>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Pages are Indonesian unless the user chose English (the language menu's cookie, or ?culture); only API
            // clients are answered in their Accept-Language (issue 12.13). The neutral "id" and "en" too, so that "Accept-Language: en" or "?culture=en" is honoured.
            CultureInfo[] cultures = [Localizer.Indonesian, Localizer.English, new("id"), new("en")];
            o.DefaultRequestCulture = new RequestCulture(Localizer.Indonesian);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new ApiAcceptLanguageProvider()];
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddOpenApi();
        return services;
    }

    /// <summary>
    /// Cookie-authenticated browser calls to the JSON API must carry the antiforgery token in X-CSRF-TOKEN;
    /// bearer-token clients are not exposed to CSRF and skip the check.
    /// </summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var unsafeMethod = !HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method) && !HttpMethods.IsOptions(ctx.Request.Method);
        var cookieCaller = !ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && ctx.Request.Cookies.ContainsKey("ideahub.auth");
        if (unsafeMethod && cookieCaller && ctx.Request.Path.StartsWithSegments("/api"))
        {
            var antiforgery = ctx.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(ctx))
            {
                var l = ctx.RequestServices.GetRequiredService<Localizer>();
                await Results.Problem(l["Csrf.Invalid"], statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(ctx);
                return;
            }
        }
        await next();
    });
}
