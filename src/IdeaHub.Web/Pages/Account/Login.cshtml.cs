using IdeaHub.Web.Organisation;
using IdeaHub.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace IdeaHub.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(SignInLimits.Policy)]
public sealed class LoginModel(SignInManager<AppUser> signIn, SignInGate gate, Localizer l) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password) || UserName.Length > 256 || Password.Length > 256)
        {
            Error = l["Login.Invalid"];
            return Page();
        }
        var (outcome, user, retryAfter) = await gate.CheckAsync(UserName, Password);
        switch (outcome)
        {
            case SignInOutcome.Succeeded:
                await signIn.SignInAsync(user!, isPersistent: false);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInOutcome.Throttled:
                SignInThrottle.SetRetryAfter(Response, retryAfter);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Error = l["Login.Throttled"];
                return Page();
            default:
                // "Deactivated" only for the right password: a guess learns nothing about the account.
                Error = outcome == SignInOutcome.Inactive ? l["Login.Inactive"] : l["Login.Invalid"];
                return Page();
        }
    }
}
