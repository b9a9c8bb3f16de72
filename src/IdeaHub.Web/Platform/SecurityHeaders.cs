using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace IdeaHub.Web.Platform;

/// <summary>
/// HTTPS-related hardening. The documented deployment puts a TLS proxy in front (docs/architecture.md): its
/// X-Forwarded-For/-Proto are trusted from loopback and from IdeaHub:Proxy:KnownProxies only, so the app sees the
/// client's address (sign-in limits) and https (Secure cookies, HSTS). Every response carries a CSP without inline
/// script, nosniff, no framing and a strict referrer policy.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            foreach (var proxy in config.GetSection("IdeaHub:Proxy:KnownProxies").Get<string[]>() ?? [])
                if (IPAddress.TryParse(proxy, out var ip)) o.KnownProxies.Add(ip);
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>First in the pipeline: forwarded headers, then HSTS on https requests, then the headers every response carries.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.UseHsts();
        return app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            await next();
        });
    }

    /// <summary>
    /// A browser's WebSocket is not bound by CORS: a page on another site could open a hub connection with the user's
    /// cookie. Cookie-authenticated hub requests must come from this site's origin (or IdeaHub:Hubs:AllowedOrigins);
    /// token clients (access_token or Authorization) are not exposed and are not checked.
    /// </summary>
    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var r = ctx.Request;
        if (r.Path.StartsWithSegments("/hubs") && r.Headers.Origin.ToString() is { Length: > 0 } origin
            && !r.Query.ContainsKey("access_token") && !r.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !SameSite(origin, r, ctx.RequestServices.GetRequiredService<IConfiguration>()))
        {
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        await next();
    });

    private static bool SameSite(string origin, HttpRequest r, IConfiguration config)
    {
        if (string.Equals(origin, $"{r.Scheme}://{r.Host}", StringComparison.OrdinalIgnoreCase)) return true;
        return (config.GetSection("IdeaHub:Hubs:AllowedOrigins").Get<string[]>() ?? [])
            .Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }
}
