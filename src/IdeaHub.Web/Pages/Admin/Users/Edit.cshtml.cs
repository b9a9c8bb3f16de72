using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Pages.Admin.Users;

/// <summary>Create (no id) or edit a user; also reset the password and deactivate or reactivate.</summary>
public sealed class EditModel(UserAdmin admin, UserDirectory directory, OpdAdmin opds, IStringLocalizer<OrganisationText> t) : AdminPage
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? OpdId { get; set; }
    [BindProperty] public string? Nip { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }

    public UserRow? Existing { get; private set; }
    public IReadOnlyList<Opd> Opds { get; private set; } = [];
    /// <summary>A generated password, rendered once and never stored in clear.</summary>
    public string? GeneratedPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        FillFromExisting();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var input = new UserInput(UserName, FullName, Role, OpdId, Nip, Email, Password);
        var result = Id is Guid id ? await admin.UpdateAsync(id, input with { Password = null }, ct) : await admin.CreateAsync(input, ct);
        if (result.Outcome == AdminOutcome.NotFound) return NotFound();
        if (result.Errors is not null) return Show(result.Errors);
        return await DoneAsync(result.Value!, Id is null ? t["Admin.Created"] : t["Admin.Saved"], ct);
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Id is not Guid id) return NotFound();
        var result = await admin.ResetPasswordAsync(id, Password, ct);
        FillFromExisting();
        if (result.Errors is not null) return Show(result.Errors);
        return await DoneAsync(result.Value!, t["User.PasswordReset"], ct);
    }

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) => SetActive(false, t["User.Deactivated"], ct);

    public Task<IActionResult> OnPostReactivateAsync(CancellationToken ct) => SetActive(true, t["User.Reactivated"], ct);

    private async Task<IActionResult> SetActive(bool active, string notice, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Id is not Guid id) return NotFound();
        var result = await admin.SetActiveAsync(id, active, ct);
        FillFromExisting();
        if (result.Errors is not null) return Show(result.Errors);
        Notice = notice;
        return Redirect($"/admin/users/edit/{id}");
    }

    private async Task<IActionResult> DoneAsync(UserChange change, string notice, CancellationToken ct)
    {
        if (change.Password is null)
        {
            Notice = notice;
            return Redirect($"/admin/users/edit/{change.User.Id}");
        }
        // Shown on this response only: a redirect would have to carry the password in TempData.
        (Id, GeneratedPassword, Password) = (change.User.Id, change.Password, null);
        Existing = await directory.GetAsync(change.User.Id, ct);
        FillFromExisting();
        ViewData["Notice"] = notice;
        return Page();
    }

    private void FillFromExisting()
    {
        if (Existing is { } u) (UserName, FullName, Role, OpdId, Nip, Email) = (u.UserName, u.FullName, u.Role, u.OpdId?.ToString(), u.Nip, u.Email);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Opds = (await opds.ListAsync(ct)).Where(o => o.IsActive || o.Id.ToString() == OpdId).ToList();
        if (Id is not Guid id) return true;
        Existing = await directory.GetAsync(id, ct);
        return Existing is not null;
    }
}
