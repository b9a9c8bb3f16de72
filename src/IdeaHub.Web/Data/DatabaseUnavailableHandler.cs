using IdeaHub.Web.Platform;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace IdeaHub.Web.Data;

/// <summary>
/// A request that could not reach PostgreSQL (the embedded server restarting after a crash, a failover of an external
/// one) answers 503 with Retry-After and a problem in the user's language instead of a 500 (issue 11.11): the fault is
/// temporary and says so. Pages keep the error page. Exception handlers are singletons, so the (scoped) localiser is
/// taken from the request.
/// </summary>
internal sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> log)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (!ErrorPages.IsMachinePath(ctx.Request.Path) || !IsUnavailable(exception)) return false;
        log.LogWarning("Database unavailable for {Method} {Path}: {Error}", ctx.Request.Method, ctx.Request.Path, exception.GetBaseException().Message);
        var l = ctx.RequestServices.GetRequiredService<Localizer>();
        ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        ctx.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = l["Error.DatabaseUnavailable"] },
        });
    }

    /// <summary>Could not connect, or the server shut down / is starting (SQLSTATE class 57P).</summary>
    public static bool IsUnavailable(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is PostgresException pg) return pg.SqlState is "57P01" or "57P02" or "57P03";
            if (x is NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException }) return true;
            if (x is System.Net.Sockets.SocketException) return true;
        }
        return false;
    }
}
