using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Organisation;

/// <summary>A user replaces their own password (the page and the API share this); clears the administrator-set flag.</summary>
public sealed class PasswordChanger(UserManager<AppUser> users, SessionGuard sessions, IStringLocalizer<OrganisationText> t)
{
    /// <summary>The changed user, or field errors (current / password / confirm) and no change.</summary>
    public async Task<(AppUser? User, FieldErrors Errors)> ChangeAsync(ClaimsPrincipal principal, string? current, string? password, string? confirm)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(current) || current.Length > 256) errors.Add("current", t["Field.Required"]);
        if (string.IsNullOrEmpty(password) || password.Length > 256) errors.Add("password", t["Field.Required"]);
        else if (password != confirm) errors.Add("confirm", t["Password.Mismatch"]);
        else if (password == current) errors.Add("password", t["ChangePassword.Same"]);
        if (errors.Count > 0) return (null, errors);

        var user = await users.GetUserAsync(principal);
        if (user is null || !user.IsActive)
        {
            errors.Add("current", t["ChangePassword.WrongCurrent"]);
            return (null, errors);
        }
        var changed = await users.ChangePasswordAsync(user, current!, password!);
        if (!changed.Succeeded)
        {
            foreach (var e in changed.Errors)
            {
                if (e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) errors.Add("current", t["ChangePassword.WrongCurrent"]);
                else errors.Add("password", e.Description);
            }
            return (null, errors);
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // The new security stamp ends every other session and token of the user.
        sessions.Forget(user.Id);
        return (user, errors);
    }
}
