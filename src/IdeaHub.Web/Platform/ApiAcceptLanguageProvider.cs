using Microsoft.AspNetCore.Localization;

namespace IdeaHub.Web.Platform;

/// <summary>Accept-Language counts for the JSON API only: a browser set to English still gets Indonesian pages.</summary>
internal sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        httpContext.Request.Path.StartsWithSegments("/api") || httpContext.Request.Path.StartsWithSegments("/hubs")
            ? base.DetermineProviderCultureResult(httpContext)
            : NullProviderCultureResult;
}
