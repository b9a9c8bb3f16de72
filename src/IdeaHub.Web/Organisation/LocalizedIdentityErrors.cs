using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Organisation;

/// <summary>Identity's validation messages in the request's language (Indonesian by default).</summary>
internal sealed class LocalizedIdentityErrors(IStringLocalizer<OrganisationText> t) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), t["Password.TooShort", length]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), t["Password.NeedsDigit"]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), t["Password.NeedsUpper"]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), t["Password.NeedsLower"]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), t["Password.NeedsSymbol"]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), t["Password.NeedsUnique"]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), t["User.NameTaken"]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), t["User.NameFormat"]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
