using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace IdeaHub.Web.Pages.Admin.Opds;

public sealed class EditModel(OpdAdmin opds, Microsoft.Extensions.Localization.IStringLocalizer<OrganisationText> t) : AdminPage
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not Guid id) return Page();
        var opd = await opds.FindAsync(id, ct);
        if (opd is null) return NotFound();
        (Code, Name) = (opd.Code, opd.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new OpdInput(Code, Name);
        var result = Id is Guid id ? await opds.UpdateAsync(id, input, ct) : await opds.CreateAsync(input, ct);
        if (result.Outcome == AdminOutcome.NotFound) return NotFound();
        if (result.Errors is not null) return Show(result.Errors);
        Notice = Id is null ? t["Admin.Created"] : t["Admin.Saved"];
        return Redirect("/admin/opds");
    }
}
