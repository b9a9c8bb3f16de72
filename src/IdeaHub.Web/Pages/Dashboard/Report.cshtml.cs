using System.Globalization;
using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Pages.Dashboard;

/// <summary>The monthly report laid out for printing, and the same page as a PDF printed by headless Chromium.</summary>
[Authorize(Policy = RankingPolicies.Dashboard)]
public sealed class ReportModel : PageModel
{
    public DashboardView View { get; private set; } = null!;

    public async Task OnGetAsync(string? month, CancellationToken ct) =>
        View = await DashboardView.LoadAsync(HttpContext.RequestServices, MonthKey.TryParse(month, out var m) ? m : null, ct);

    public async Task<IActionResult> OnGetPdfAsync(string? month, [FromServices] ReportPdf pdf, [FromServices] IStringLocalizer<RankingsText> t, CancellationToken ct)
    {
        if (!pdf.IsAvailable) return Unavailable(t);
        var (key, _, _) = await DashboardView.ResolveMonthAsync(HttpContext.RequestServices, MonthKey.TryParse(month, out var m) ? m : null, ct);
        var bytes = await pdf.RenderAsync(User, key, CultureInfo.CurrentUICulture.Name, ct);
        return bytes is null ? Unavailable(t) : File(bytes, "application/pdf", $"laporan-inovasi-{key}.pdf");
    }

    private static ObjectResult Unavailable(IStringLocalizer<RankingsText> t) =>
        new(new ProblemDetails { Title = t["Report.PdfFailed"], Detail = t["Report.PdfUnavailable"], Status = StatusCodes.Status503ServiceUnavailable })
        {
            StatusCode = StatusCodes.Status503ServiceUnavailable,
            ContentTypes = { "application/problem+json" },
        };
}
