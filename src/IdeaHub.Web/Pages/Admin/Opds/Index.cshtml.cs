using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace IdeaHub.Web.Pages.Admin.Opds;

public sealed class IndexModel(OpdAdmin opds, Microsoft.Extensions.Localization.IStringLocalizer<OrganisationText> t) : AdminPage
{
    public IReadOnlyList<Opd> Opds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Opds = await opds.ListAsync(ct);

    public Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken ct) => SetActive(id, false, ct);

    public Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken ct) => SetActive(id, true, ct);

    private async Task<IActionResult> SetActive(Guid id, bool active, CancellationToken ct)
    {
        var result = await opds.SetActiveAsync(id, active, ct);
        if (result.Outcome == AdminOutcome.NotFound) return NotFound();
        Notice = t["Admin.Saved"];
        return RedirectToPage();
    }
}
