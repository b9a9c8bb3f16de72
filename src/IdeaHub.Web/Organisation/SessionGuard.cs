using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using IdeaHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IdeaHub.Web.Organisation;

/// <summary>
/// Ends sessions when an administrator deactivates a user, resets a password or changes a role: each
/// authenticated request (cookie or bearer token) must carry the user's current security stamp. The stamp is
/// cached for a minute per user, and evicted at once by <see cref="Forget"/> on this instance.
/// </summary>
public sealed class SessionGuard(IMemoryCache cache, IOptions<IdentityOptions> identity)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public void Forget(Guid userId) => cache.Remove(Key(userId));

    internal async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, IdeaHubDb db, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return false;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var current = await cache.GetOrCreateAsync(Key(id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var row = await db.Users.Where(u => u.Id == id).Select(u => new { u.SecurityStamp, u.IsActive }).SingleOrDefaultAsync(ct);
            return row is { IsActive: true } ? row.SecurityStamp : null;
        });
        return current is not null && current == stamp;
    }

    private static string Key(Guid id) => $"session-stamp:{id}";
}

public static class SessionGuardMiddleware
{
    /// <summary>Place between authentication and authorisation: a stale session becomes anonymous (401 / login page).</summary>
    public static IApplicationBuilder UseSessionGuard(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.Identity?.IsAuthenticated == true)
        {
            var guard = ctx.RequestServices.GetRequiredService<SessionGuard>();
            if (!await guard.IsCurrentAsync(ctx.User, ctx.RequestServices.GetRequiredService<IdeaHubDb>(), ctx.RequestAborted))
            {
                if (ctx.Request.Cookies.ContainsKey("ideahub.auth"))
                    await ctx.SignOutAsync(IdentityConstants.ApplicationScheme);
                ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }
        await next();
    });
}
