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
        var (result, bytes) = await pdf.RenderAsync(User, key, CultureInfo.CurrentUICulture.Name, ct);
        if (result == PdfResult.Busy)
        {
            Response.Headers.RetryAfter = ((int)PrintQueue.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Unavailable(t, "Report.PdfBusy");
        }
        return result == PdfResult.Ok ? File(bytes!, "application/pdf", $"laporan-inovasi-{key}.pdf") : Unavailable(t, "Report.PdfFailedDetail");
    }

    private static ObjectResult Unavailable(IStringLocalizer<RankingsText> t, string detail = "Report.PdfUnavailable") =>
        new(new ProblemDetails { Title = t["Report.PdfFailed"], Detail = t[detail], Status = StatusCodes.Status503ServiceUnavailable })
        {
            StatusCode = StatusCodes.Status503ServiceUnavailable,
            ContentTypes = { "application/problem+json" },
        };
}
