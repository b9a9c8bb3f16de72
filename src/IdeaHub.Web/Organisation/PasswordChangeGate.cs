using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Organisation;

public static class PasswordChangeGate
{
    public const string ChangePasswordPath = "/Account/ChangePassword";

    /// <summary>
    /// After the session guard: a user still on an administrator-set password may only choose a new one (or sign
    /// out). Pages redirect to the change form and come back afterwards; the API and hubs answer 403 with a reason.
    /// </summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.HasClaim(IdeaHubClaims.MustChangePassword, "true") && !ctx.Request.Path.StartsWithSegments("/Account")
            && !ctx.Request.Path.StartsWithSegments("/api/auth") && !ctx.Request.Path.StartsWithSegments("/culture") && !ctx.Request.Path.StartsWithSegments("/health"))
        {
            if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
            {
                var t = ctx.RequestServices.GetRequiredService<IStringLocalizer<OrganisationText>>();
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                await ctx.Response.WriteAsJsonAsync(new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden, Title = t["ChangePassword.Required"], Detail = t["ChangePassword.RequiredDetail"],
                }, options: null, contentType: "application/problem+json");
                return;
            }
            var back = ctx.Request.Path + ctx.Request.QueryString;
            ctx.Response.Redirect($"{ChangePasswordPath}?returnUrl={Uri.EscapeDataString(back)}");
            return;
        }
        await next();
    });
}
