using System.Globalization;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Pages.ProposalPages;

/// <summary>The editor for a new proposal (/proposals/new) or a draft (/proposals/{id}/edit). JS autosaves through the API.</summary>
public sealed class EditModel(ProposalService proposals, Organisation.Caller me, IStringLocalizer<ProposalsText> t) : PageModel
{
    [BindProperty] public EditorForm Form { get; set; } = new();
    public Guid? Id { get; private set; }
    public uint Version { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    /// <summary>Set when a save was based on an older version: what changed since, shown with both choices (issue 11.9).</summary>
    public EditConflict? Conflict { get; private set; }

    /// <summary>The fields the conflict panel can name, with their labels (JS fills the panel after an autosave conflict).</summary>
    public static readonly string[] ConflictFieldNames =
        ["title", "stage", "initiator", "kind", "form", "urusan", "trialDate", "implementationDate", "problem", "design", "goals", "benefits", "results", "indicators"];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is null) return Page();
        var (p, _) = await proposals.FindAsync(id.Value, ct);
        if (p is null) return NotFound();
        if (!ProposalAccess.CanEdit(p, me)) return Forbid();
        (Id, Version, Form) = (p.Id, p.Version, EditorForm.From(ProposalSnapshot.From(p)));
        return Page();
    }

    /// <param name="overwrite">The current version, sent by the conflict panel's "save my text as a new revision": the
    /// caller has seen that the proposal changed and chose to put their text on top (the newer text stays a revision).</param>
    public async Task<IActionResult> OnPostAsync(Guid? id, uint? version, uint? overwrite, CancellationToken ct)
    {
        (Id, Version) = (id, version ?? 0);
        var (snapshot, errors) = Form.ToInput().Validate(t);
        if (snapshot is null)
        {
            Errors = errors;
            return Page();
        }
        ProposalResult result;
        if (id is null)
        {
            result = await proposals.CreateAsync(snapshot, RevisionSource.Manual, ct);
        }
        else
        {
            var (p, _) = await proposals.FindAsync(id.Value, ct);
            if (p is null) return NotFound();
            result = await proposals.SaveAsync(p, snapshot, overwrite ?? version ?? 0, RevisionSource.Manual, ct);
        }
        if (result.Outcome == Outcome.Conflict)
        {
            Conflict = await proposals.ConflictAsync(id!.Value, snapshot, ct);
            if (Conflict is null) return NotFound();
            return Page();
        }
        if (result.Outcome != Outcome.Ok) return Forbid();
        return Redirect($"/proposals/{result.Proposal!.Id}?saved=1");
    }
}

/// <summary>Form binding shape of the editor (mutable, unlike the API's input record).</summary>
public sealed class EditorForm
{
    public string? Title { get; set; }
    public string? Stage { get; set; }
    public string? Initiator { get; set; }
    public string? Kind { get; set; }
    public string? Form { get; set; }
    public string? Urusan { get; set; }
    public string? TrialDate { get; set; }
    public string? ImplementationDate { get; set; }
    public string? Problem { get; set; }
    public string? Design { get; set; }
    public string? Goals { get; set; }
    public string? Benefits { get; set; }
    public string? Results { get; set; }
    public List<IndicatorRow> Indicators { get; set; } = [];

    public sealed class IndicatorRow
    {
        public string? Name { get; set; }
        public string? Unit { get; set; }
        public string? Baseline { get; set; }
        public string? Target { get; set; }
        public string? TargetDate { get; set; }
        public string? Direction { get; set; }
    }

    // Browsers send number and date inputs in invariant form whatever the page language, so parse them that way.
    public ProposalInput ToInput() => new(Title, Stage, Initiator, Kind, Form, Urusan, Date(TrialDate), Date(ImplementationDate),
        Problem, Design, Goals, Benefits, Results,
        Indicators.Select(i => new IndicatorInput(i.Name, i.Unit, Number(i.Baseline), Number(i.Target), Date(i.TargetDate), i.Direction)).ToList());

    private static DateOnly? Date(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static decimal? Number(string? s) =>
        decimal.TryParse(s?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Invariant(decimal? d) => d?.ToString("0.####", CultureInfo.InvariantCulture);

    public static EditorForm From(ProposalSnapshot s) => new()
    {
        Title = s.Title, Stage = s.Stage.ToString(), Initiator = s.Initiator.ToString(), Kind = s.Kind.ToString(), Form = s.Form.ToString(),
        Urusan = s.Urusan, TrialDate = Iso(s.TrialDate), ImplementationDate = Iso(s.ImplementationDate), Problem = s.Problem, Design = s.Design,
        Goals = s.Goals, Benefits = s.Benefits, Results = s.Results,
        Indicators = s.Indicators.Select(i => new IndicatorRow
        {
            Name = i.Name, Unit = i.Unit, Baseline = Invariant(i.Baseline), Target = Invariant(i.Target), TargetDate = Iso(i.TargetDate), Direction = i.Direction.ToString(),
        }).ToList(),
    };
}
