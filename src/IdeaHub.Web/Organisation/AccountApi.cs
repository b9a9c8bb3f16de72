using IdeaHub.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace IdeaHub.Web.Organisation;

public static class AccountApi
{
    public sealed record TokenRequest(string? UserName, string? Password);
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);
    public sealed record RefreshRequest(string? RefreshToken);

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueToken).AllowAnonymous().RequireRateLimiting(SignInLimits.Policy).WithTags("Auth")
            .WithSummary("Exchange a user name and password for a bearer token (no CSRF token needed with it).");
        app.MapPost("/api/auth/refresh", Refresh).AllowAnonymous().RequireRateLimiting(SignInLimits.Policy).WithTags("Auth")
            .WithSummary("Exchange the refreshToken of a token response for a new token pair; refused once the user's session ended.");
        app.MapPost("/api/auth/password", ChangePassword).RequireAuthorization().WithTags("Auth")
            .WithSummary("Replace the caller's password (required after an administrator set it); every existing token ends, sign in again.");
        return app;
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangePassword(PasswordChange request, HttpContext ctx, PasswordChanger changer, Localizer l)
    {
        var (user, errors) = await changer.ChangeAsync(ctx.User, request.CurrentPassword, request.NewPassword, request.NewPassword);
        return user is null ? TypedResults.ValidationProblem(errors, title: l["Validation.Title"]) : TypedResults.NoContent();
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult, ValidationProblem>> Refresh(RefreshRequest request,
        IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<AppUser> signIn, Localizer l)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 8192)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = [l["Validation.Required"]] }, title: l["Validation.Title"]);
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        // The stamp check refuses a refresh token issued before a deactivation, password reset or role/OPD change.
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires < DateTimeOffset.UtcNow
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsActive: true } user)
            return TypedResults.Problem(l["Login.Invalid"], statusCode: StatusCodes.Status401Unauthorized);
        return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult, ValidationProblem>> IssueToken(
        TokenRequest request, HttpContext ctx, SignInGate gate, SignInManager<AppUser> signIn, Localizer l)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName)) errors["userName"] = [l["Validation.Required"]];
        else if (request.UserName.Length > 256) errors["userName"] = [l["Validation.TooLong", 256]];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = [l["Validation.Required"]];
        else if (request.Password.Length > 256) errors["password"] = [l["Validation.TooLong", 256]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: l["Validation.Title"]);

        var (outcome, user, retryAfter) = await gate.CheckAsync(request.UserName!, request.Password!);
        if (outcome == SignInOutcome.Throttled)
        {
            SignInThrottle.SetRetryAfter(ctx.Response, retryAfter);
            return TypedResults.Problem(l["Login.Throttled"], statusCode: StatusCodes.Status429TooManyRequests);
        }
        // A deactivated account with the right password gets the same answer as a wrong password: a token client
        // needs nothing more, and the answer tells nobody which user names exist.
        if (outcome != SignInOutcome.Succeeded) return TypedResults.Problem(l["Login.Invalid"], statusCode: StatusCodes.Status401Unauthorized);
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}

/// <summary>Only active accounts may sign in: deactivation is reversible, unlike deletion.</summary>
internal sealed class ActiveUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(user.IsActive);
}
