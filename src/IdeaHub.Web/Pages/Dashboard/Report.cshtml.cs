using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdeaHub.Web.Pages.Dashboard;

/// <summary>The monthly report laid out for printing (or "save as PDF" from the browser's print dialogue).</summary>
[Authorize(Policy = RankingPolicies.Dashboard)]
public sealed class ReportModel : PageModel
{
    public DashboardView View { get; private set; } = null!;

    public async Task OnGetAsync(string? month, CancellationToken ct) =>
        View = await DashboardView.LoadAsync(HttpContext.RequestServices, MonthKey.TryParse(month, out var m) ? m : null, ct);
}
