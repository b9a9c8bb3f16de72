namespace IdeaHub.Web.Platform;

/// <summary>
/// Pages never answer with JSON (issue 12.2): an error status without a body on a page request is re-executed as the
/// Indonesian error page (Pages/Error.cshtml) with a way back, keeping its status code. The JSON API, hubs and health
/// checks keep RFC 9457 problem details.
/// </summary>
public static class ErrorPages
{
    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/health")
        || path.StartsWithSegments("/openapi");

    public static IApplicationBuilder UseIdeaHubErrorPages(this IApplicationBuilder app)
    {
        app.UseWhen(ctx => IsMachinePath(ctx.Request.Path), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(ctx => !IsMachinePath(ctx.Request.Path), pages =>
        {
            pages.UseExceptionHandler("/error/500");
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        return app;
    }
}
