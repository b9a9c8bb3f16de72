using System.Text.RegularExpressions;
using IdeaHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Organisation;

public sealed record UserInput(string? UserName, string? FullName, string? Role, string? OpdId, string? Nip, string? Email, string? Password = null);

/// <summary>A created user or reset password; <see cref="Password"/> is set only when generated (shown once).</summary>
public sealed record UserChange(AppUser User, string? Password);

/// <summary>An administrator's changes to the users of their own Pemkab.</summary>
public sealed partial class UserAdmin(IdeaHubDb db, UserManager<AppUser> users, UserDirectory directory, Caller me,
    SessionGuard sessions, IStringLocalizer<OrganisationText> t)
{
    public const int NameMax = 200;
    public const int EmailMax = 256;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    public static partial Regex UserNamePattern();

    [GeneratedRegex("^[0-9]{18}$")]
    public static partial Regex NipPattern();

    public async Task<AdminResult<UserChange>> CreateAsync(UserInput input, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, null, ct);
        var userName = input.UserName?.Trim() ?? "";
        if (string.IsNullOrEmpty(userName)) errors.Add("userName", t["Field.Required"]);
        else if (!UserNamePattern().IsMatch(userName)) errors.Add("userName", t["User.NameFormat"]);
        else if (await users.FindByNameAsync(userName) is not null) errors.Add("userName", t["User.NameTaken"]);
        var generated = string.IsNullOrEmpty(input.Password) ? Passwords.Generate() : null;
        var password = input.Password is { Length: > 0 } given ? given : generated!;
        var user = new AppUser { UserName = userName, FullName = "", PemkabId = me.PemkabId!.Value, EmailConfirmed = true, MustChangePassword = true };
        if (generated is null) await ValidatePasswordAsync(user, password, errors);
        if (errors.Count > 0) return AdminResult<UserChange>.Invalid(errors);

        Apply(user, input);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return AdminResult<UserChange>.Conflict(ToErrors(created, "userName"));
        await users.AddToRoleAsync(user, input.Role!);
        db.AddAudit(user.PemkabId, me.Id, "user.created", detail: new { user.Id, user.UserName, input.Role });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AdminResult<UserChange>.Ok(new UserChange(user, generated));
    }

    public async Task<AdminResult<UserChange>> UpdateAsync(Guid id, UserInput input, CancellationToken ct)
    {
        var user = await directory.Mine.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return AdminResult<UserChange>.Missing();
        var errors = await ValidateAsync(input, user, ct);
        if (errors.Count > 0) return AdminResult<UserChange>.Invalid(errors);

        Apply(user, input);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await users.GetRolesAsync(user);
        if (!current.SequenceEqual([input.Role!]))
        {
            await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, input.Role!);
            // A role change must reach existing sessions, whose claims carry the old role.
            await users.UpdateSecurityStampAsync(user);
            sessions.Forget(user.Id);
        }
        await users.UpdateAsync(user);
        db.AddAudit(user.PemkabId, me.Id, "user.updated", detail: new { user.Id, input.Role });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AdminResult<UserChange>.Ok(new UserChange(user, null));
    }

    public async Task<AdminResult<UserChange>> ResetPasswordAsync(Guid id, string? password, CancellationToken ct)
    {
        var user = await directory.Mine.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return AdminResult<UserChange>.Missing();
        var errors = new FieldErrors();
        var generated = string.IsNullOrEmpty(password) ? Passwords.Generate() : null;
        if (password is { Length: > 256 }) errors.Add("password", t["Field.TooLong", 256]);
        else if (generated is null) await ValidatePasswordAsync(user, password!, errors);
        if (errors.Count > 0) return AdminResult<UserChange>.Invalid(errors);

        // Removing and adding the password renews the security stamp, which ends the user's sessions.
        user.MustChangePassword = true;
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, generated ?? password!);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await ActivationCodes.RevokeAsync(users, user);
        sessions.Forget(user.Id);
        db.AddAudit(user.PemkabId, me.Id, "user.password-reset", detail: new { user.Id });
        await db.SaveChangesAsync(ct);
        return AdminResult<UserChange>.Ok(new UserChange(user, generated));
    }

    public async Task<AdminResult<UserChange>> SetActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        var user = await directory.Mine.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return AdminResult<UserChange>.Missing();
        if (!active && user.Id == me.Id)
        {
            var errors = new FieldErrors();
            errors.Add("isActive", t["User.NotSelf"]);
            return AdminResult<UserChange>.Invalid(errors);
        }
        user.IsActive = active;
        await users.UpdateSecurityStampAsync(user);
        sessions.Forget(user.Id);
        db.AddAudit(user.PemkabId, me.Id, active ? "user.reactivated" : "user.deactivated", detail: new { user.Id });
        await db.SaveChangesAsync(ct);
        return AdminResult<UserChange>.Ok(new UserChange(user, null));
    }

    private async Task<FieldErrors> ValidateAsync(UserInput input, AppUser? existing, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var fullName = input.FullName?.Trim();
        if (string.IsNullOrEmpty(fullName)) errors.Add("fullName", t["Field.Required"]);
        else if (fullName.Length > NameMax) errors.Add("fullName", t["Field.TooLong", NameMax]);

        if (string.IsNullOrWhiteSpace(input.Role)) errors.Add("role", t["Field.Required"]);
        else if (!Roles.All.Contains(input.Role)) errors.Add("role", t["User.RoleInvalid"]);
        else if (existing is not null && existing.Id == me.Id && input.Role != Roles.Admin) errors.Add("role", t["User.NotSelf"]);

        if (string.IsNullOrWhiteSpace(input.OpdId))
        {
            if (input.Role is not null && Roles.NeedsOpd(input.Role)) errors.Add("opdId", t["User.OpdRequired"]);
        }
        else if (!Guid.TryParse(input.OpdId, out var opdId)
            // The tenant filter makes another Pemkab's OPD indistinguishable from a missing one.
            || !await db.Opds.AnyAsync(o => o.Id == opdId && (o.IsActive || (existing != null && existing.OpdId == opdId)), ct))
            errors.Add("opdId", t["User.OpdUnknown"]);

        var nip = input.Nip?.Trim();
        if (!string.IsNullOrEmpty(nip) && !NipPattern().IsMatch(nip)) errors.Add("nip", t["User.NipFormat"]);
        var email = input.Email?.Trim();
        if (!string.IsNullOrEmpty(email) && (email.Length > EmailMax || !System.Net.Mail.MailAddress.TryCreate(email, out _)))
            errors.Add("email", t["User.EmailInvalid"]);
        if (input.Password is { Length: > 256 }) errors.Add("password", t["Field.TooLong", 256]);
        return errors;
    }

    private async Task ValidatePasswordAsync(AppUser user, string password, FieldErrors errors)
    {
        if (errors.ContainsKey("password")) return;
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            foreach (var e in result.Errors) errors.Add("password", e.Description);
        }
    }

    private static void Apply(AppUser user, UserInput input)
    {
        user.FullName = input.FullName!.Trim();
        user.OpdId = Guid.TryParse(input.OpdId, out var opd) ? opd : null;
        user.Nip = string.IsNullOrWhiteSpace(input.Nip) ? null : input.Nip.Trim();
        user.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
    }

    private static FieldErrors ToErrors(IdentityResult result, string field)
    {
        var errors = new FieldErrors();
        foreach (var e in result.Errors) errors.Add(field, e.Description);
        return errors;
    }
}
