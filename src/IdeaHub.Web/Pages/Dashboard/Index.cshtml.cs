using IdeaHub.Web.Organisation;
using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdeaHub.Web.Pages.Dashboard;

/// <summary>The Bupati's read-only dashboard; the admin sees it too, to close ended months.</summary>
[Authorize(Policy = RankingPolicies.Dashboard)]
public sealed class IndexModel : PageModel
{
    public DashboardView View { get; private set; } = null!;
    public bool CanClose { get; private set; }

    public async Task OnGetAsync(string? month, CancellationToken ct)
    {
        View = await DashboardView.LoadAsync(HttpContext.RequestServices, MonthKey.TryParse(month, out var m) ? m : null, ct);
        CanClose = View.State == MonthState.Ended && User.IsInRole(Roles.Admin);
    }

    public async Task<IActionResult> OnPostCloseAsync(string month, [FromServices] MonthCloser closer, [FromServices] Caller me, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin)) return Forbid();
        if (!MonthKey.TryParse(month, out var key)) return BadRequest();
        await closer.CloseAsync(me.PemkabId!.Value, key, me.Id, ct);
        return RedirectToPage(new { month = key.ToString() });
    }
}
