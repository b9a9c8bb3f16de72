using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Pages.Account;

/// <summary>The signed-in user replaces their password; required after an administrator set or reset it.</summary>
[Authorize]
public sealed class ChangePasswordModel(PasswordChanger changer, SignInManager<AppUser> signIn, IStringLocalizer<OrganisationText> t) : FormPage
{
    [BindProperty] public string? Current { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirm { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Required => User.HasClaim(IdeaHubClaims.MustChangePassword, "true");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, errors) = await changer.ChangeAsync(User, Current, Password, Confirm);
        if (user is null) return Show(errors);
        // This session continues with a fresh cookie carrying the new security stamp (and no change-password claim).
        await signIn.RefreshSignInAsync(user);
        Notice = t["ChangePassword.Done"];
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
