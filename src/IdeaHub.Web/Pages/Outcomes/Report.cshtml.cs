using System.Globalization;
using IdeaHub.Web.Evidence;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Outcomes;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Pages.Outcomes;

public sealed class ReportRow
{
    public Guid IndicatorId { get; set; }
    public string? Value { get; set; }
    public string? Note { get; set; }
}

/// <summary>The team's monthly realisation report (/proposals/{id}/outcomes/report): one value per indicator and a note.</summary>
public sealed class ReportModel(ProposalReader proposals, OutcomeService outcomes, EvidenceService evidence, Caller me,
    IStringLocalizer<OutcomesText> o)
    : PageModel
{
    public Proposal Proposal { get; private set; } = null!;
    [BindProperty] public string Period { get; set; } = "";
    [BindProperty] public List<ReportRow> Rows { get; set; } = [];
    [BindProperty] public IFormFile? Evidence { get; set; }
    public int MaxMegabytes => evidence.Options.MaxBytes / (1024 * 1024);
    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        var last = OutcomeMath.LastDueMonth(outcomes.Today).AddMonths(1);
        Period = last.ToString();
        Rows = Proposal.Indicators.OrderBy(i => i.Position).Select(i => new ReportRow { IndicatorId = i.Id }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        var entries = new List<RealisationEntry>();
        foreach (var (row, n) in Rows.Select((r, n) => (r, n)))
        {
            if (string.IsNullOrWhiteSpace(row.Value)) continue;
            if (decimal.TryParse(Normalise(row.Value), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
                entries.Add(new RealisationEntry(row.IndicatorId, v, row.Note));
            else Errors[$"values[{n}]"] = o["Report.NotANumber"];
        }
        if (!MonthKey.TryParse(Period, out var month)) Errors["period"] = o["Report.Period"];
        else foreach (var (k, v) in outcomes.Validate(Proposal, month, entries)) Errors[k] = o[v];
        byte[]? file = null;
        if (Evidence is { } upload)
        {
            file = await EvidenceUpload.ReadAsync(upload, evidence.Options.MaxBytes, ct);
            var error = file is null ? "Evidence.TooLarge" : EvidenceSniffer.Check(EvidenceSniffer.SafeName(upload.FileName), file, evidence.Options.MaxBytes).Error;
            if (error is not null) Errors["evidence"] = o[error, MaxMegabytes];
        }
        if (Errors.Count > 0) return Page();
        await outcomes.ReportAsync(Proposal, me, month, entries, ct);
        if (file is not null && (await evidence.AddAsync(Proposal, me, Evidence!.FileName, file, month, ct)).Error is { } refused)
        {
            Errors["evidence"] = o[refused, MaxMegabytes];
            return Page();
        }
        return Redirect($"/proposals/{id}?reported={month}#outcomes");
    }

    /// <summary>"12,5" (Indonesian decimal comma) and "12.5" both mean twelve and a half; a value with both is refused.</summary>
    private static string Normalise(string value)
    {
        var v = value.Trim().Replace(" ", "", StringComparison.Ordinal);
        return v.Contains(',', StringComparison.Ordinal) && !v.Contains('.', StringComparison.Ordinal) ? v.Replace(',', '.') : v;
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await proposals.FindVisibleWithContentAsync(id, me, ct) is not { } p) return NotFound();
        Proposal = p;
        return ProposalAccess.CanReportOutcome(p, me) ? null : Forbid();
    }
}
