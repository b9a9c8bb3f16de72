using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace IdeaHub.Web.Organisation;

/// <summary>Sign-in attempt limits (IdeaHub:SignIn). Limits slow guessing down for a while; nothing locks an account.</summary>
public sealed class SignInLimits
{
    public const string Policy = "sign-in";
    public int PerIpPermits { get; set; } = 60;
    public int PerIpWindowSeconds { get; set; } = 60;
    public int PerUserPermits { get; set; } = 10;
    public int PerUserWindowSeconds { get; set; } = 300;
}

public enum SignInOutcome { Succeeded, Invalid, Inactive, Throttled }

/// <summary>
/// The one password check of the login page and POST /api/auth/token. A wrong password, an unknown user name and
/// a deactivated account all answer <see cref="SignInOutcome.Invalid"/> (same status, same text, a password hash
/// either way); only the right password of a deactivated account learns <see cref="SignInOutcome.Inactive"/>.
/// No lockout: a failure counter anyone can drive would let anyone lock any known account.
/// </summary>
public sealed class SignInGate(UserManager<AppUser> users, SignInThrottle throttle)
{
    public async Task<(SignInOutcome Outcome, AppUser? User, TimeSpan RetryAfter)> CheckAsync(string userName, string password)
    {
        if (!throttle.TryUser(userName, out var retry)) return (SignInOutcome.Throttled, null, retry);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            // Spend the same hashing time as for a real account, so timing does not tell names apart.
            users.PasswordHasher.VerifyHashedPassword(new AppUser { FullName = "" }, DummyHash, password);
            return (SignInOutcome.Invalid, null, default);
        }
        if (!await users.CheckPasswordAsync(user, password)) return (SignInOutcome.Invalid, null, default);
        return user.IsActive ? (SignInOutcome.Succeeded, user, default) : (SignInOutcome.Inactive, null, default);
    }

    private static readonly string DummyHash = new PasswordHasher<AppUser>().HashPassword(new AppUser { FullName = "" }, Guid.NewGuid().ToString());
}

/// <summary>Attempts per user name (System.Threading.RateLimiting; the per-IP limit is ASP.NET Core's rate limiter policy).</summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perUser;

    public SignInThrottle(Microsoft.Extensions.Options.IOptions<SignInLimits> options)
    {
        var o = options.Value;
        _perUser = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetSlidingWindowLimiter(name,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = o.PerUserPermits, Window = TimeSpan.FromSeconds(o.PerUserWindowSeconds), SegmentsPerWindow = 5, QueueLimit = 0,
            }));
    }

    public bool TryUser(string userName, out TimeSpan retryAfter)
    {
        using var lease = _perUser.AttemptAcquire(userName.Trim().ToUpperInvariant());
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var r) ? r : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _perUser.Dispose();

    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public static class SignInLimitsExtensions
{
    /// <summary>Registers the per-IP policy and the 429 answer (problem details, Retry-After).</summary>
    public static IServiceCollection AddSignInLimits(this IServiceCollection services)
    {
        services.AddOptions<SignInLimits>().BindConfiguration("IdeaHub:SignIn");
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<SignInGate>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                SignInThrottle.SetRetryAfter(ctx.HttpContext.Response, ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var r) ? r : TimeSpan.FromMinutes(1));
                var l = ctx.HttpContext.RequestServices.GetRequiredService<Platform.Localizer>();
                await Results.Problem(l["Login.Throttled"], statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(ctx.HttpContext);
            };
        });
        services.AddOptions<RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<SignInLimits>>((o, limits) => AddPolicy(o, limits.Value));
        return services;
    }

    /// <summary>The per-IP policy for the sign-in endpoints (POSTs only; showing the login form is free).</summary>
    private static void AddPolicy(RateLimiterOptions o, SignInLimits limits)
    {
        o.AddPolicy(SignInLimits.Policy, ctx => HttpMethods.IsPost(ctx.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString(),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PerIpPermits, Window = TimeSpan.FromSeconds(limits.PerIpWindowSeconds), QueueLimit = 0,
                })
            : RateLimitPartition.GetNoLimiter(""));
    }
}
