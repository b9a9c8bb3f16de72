using System.Security.Claims;
using IdeaHub.Web.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdeaHub.Web.Organisation;

public static class AuthExtensions
{
    private const string SmartScheme = "IdeaHub";

    /// <summary>
    /// Identity with hashed passwords and a password policy (attempts are rate-limited, accounts never locked). Browsers use the Identity cookie; API
    /// clients send "Authorization: Bearer" tokens from POST /api/auth/token. One policy scheme picks per request.
    /// </summary>
    public static IServiceCollection AddIdeaHubAuth(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireDigit = true;
                // No lockout: anyone could lock any known account by guessing; SignInGate rate-limits instead.
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdeaHubDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<IdeaHubClaimsFactory>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies(c => c.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/Account/Login";
                o.AccessDeniedPath = "/Account/Denied";
                o.Cookie.Name = "ideahub.auth";
                o.Cookie.HttpOnly = true;
                // Secure whenever the request is https (directly or through the TLS proxy's X-Forwarded-Proto).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // API callers get status codes, not redirects to the login page.
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.Response, ctx.Request, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.Response, ctx.Request, ctx.RedirectUri, StatusCodes.Status403Forbidden);
            }));
        services.AddAuthorizationBuilder().AddIdeaHubPolicies();
        services.AddHttpContextAccessor();
        return services;
    }

    private static Task ApiAware(HttpResponse response, HttpRequest request, string redirect, int status)
    {
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs"))
            response.StatusCode = status;
        else
            response.Redirect(redirect);
        return Task.CompletedTask;
    }
}

/// <summary>Adds the Pemkab, OPD and display name to the principal, so scope checks need no database trip.</summary>
internal sealed class IdeaHubClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(IdeaHubClaims.PemkabId, user.PemkabId.ToString()));
        identity.AddClaim(new Claim(IdeaHubClaims.FullName, user.FullName));
        if (user.OpdId is Guid opd) identity.AddClaim(new Claim(IdeaHubClaims.OpdId, opd.ToString()));
        if (user.MustChangePassword) identity.AddClaim(new Claim(IdeaHubClaims.MustChangePassword, "true"));
        return identity;
    }
}
