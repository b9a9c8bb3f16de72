using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Pages.Account;

/// <summary>An imported user turns their one-time activation code into a password of their own.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInLimits.Policy)]
public sealed class ActivateModel(UserManager<AppUser> users, IStringLocalizer<OrganisationText> t) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirm { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(UserName) || UserName.Length > 256) errors.Add("userName", t["Field.Required"]);
        if (string.IsNullOrWhiteSpace(Code) || Code.Length > 64) errors.Add("code", t["Field.Required"]);
        if (string.IsNullOrEmpty(Password) || Password.Length > 256) errors.Add("password", t["Field.Required"]);
        else if (Password != Confirm) errors.Add("confirm", t["Password.Mismatch"]);
        if (errors.Count > 0) return Show(errors);

        var user = await users.FindByNameAsync(UserName!);
        // One message for every failure, so the form does not reveal which accounts exist or are locked.
        if (user is null || !user.IsActive || await users.HasPasswordAsync(user) || await users.IsLockedOutAsync(user)
            || !await ActivationCodes.VerifyAsync(users, user, Code!))
        {
            if (user is not null) await users.AccessFailedAsync(user);
            Error = t["Activate.Invalid"];
            return Show(errors);
        }
        var added = await users.AddPasswordAsync(user, Password!);
        if (!added.Succeeded)
        {
            foreach (var e in added.Errors) errors.Add("password", e.Description);
            return Show(errors);
        }
        await ActivationCodes.RevokeAsync(users, user);
        await users.ResetAccessFailedCountAsync(user);
        Notice = t["Activate.Done"];
        return Redirect("/Account/Login");
    }
}
