using IdeaHub.Web.Duplicates;
using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdeaHub.Web.Pages.Duplicates;

/// <summary>
/// Deployment operator: embedders, which one search uses, and backfill progress when the model changes. These act
/// on every Pemkab of the deployment, so no Pemkab admin may see or start them.
/// </summary>
[Authorize(Policy = Policies.Operator)]
public sealed class AdminModel(EmbedderCatalog catalog) : PageModel
{
    public IReadOnlyList<EmbedderState> States { get; private set; } = [];
    public IReadOnlyList<EmbedderInfo> Available { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        States = await catalog.StatesAsync(ct);
        Available = [.. catalog.Available];
    }

    public async Task<IActionResult> OnPostBackfillAsync(string id, CancellationToken ct)
    {
        if (catalog.Find(id) is not { } embedder) return NotFound();
        if ((await catalog.ActiveAsync(ct)).Id != id) await catalog.StartBackfillAsync(embedder, ct);
        return RedirectToPage();
    }
}
