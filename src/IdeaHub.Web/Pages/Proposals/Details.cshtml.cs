using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Pages.ProposalPages;

public sealed record RevisionRow(int Number, string Author, DateTimeOffset At, RevisionSource Source);

/// <summary>What the extension panels (reviews, duplicates) get: the proposal and how the viewer relates to it.</summary>
public sealed record ProposalPanelContext(Proposal Proposal, ProposalRelation Relation);

public sealed class DetailsModel(ProposalService proposals, Data.IdeaHubDb db, Organisation.Caller me, IStringLocalizer<ProposalsText> t)
    : PageModel
{
    public Proposal Proposal { get; private set; } = null!;
    public ProposalRelation Relation { get; private set; }
    public string OpdName { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public IReadOnlyList<RevisionRow> Revisions { get; private set; } = [];
    public IReadOnlyList<Transition> Actions { get; private set; } = [];
    public RevisionDiff? Diff { get; private set; }
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public TimelineEntry? WhatToFix { get; private set; }
    /// <summary>Everything that blocks submission, by field, when the caller could submit (issue 12.5).</summary>
    public Dictionary<string, string[]> Blockers { get; private set; } = [];
    public string? FailedAction { get; private set; }
    public string? NoteDraft { get; private set; }
    public string? Message { get; private set; }
    public bool IsError { get; private set; }
    public bool CanEdit => ProposalAccess.CanEdit(Proposal, me);
    public bool CanDelete => ProposalAccess.CanDelete(Proposal, me);

    public async Task<IActionResult> OnGetAsync(Guid id, int? from, int? to, string? saved, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // After "Simpan" or a status change the page says it worked (issue 12.11).
        if (saved == "1") Message = t["Page.Saved"];
        else if (Enum.TryParse<ProposalStatus>(done, out var now) && now == Proposal.Status) Message = t["Page.Done", t["Status." + now]];
        if (from is int a && to is int b) Diff = await proposals.DiffAsync(id, a, b, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostTransitionAsync(Guid id, string to, uint version, string? note, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Enum.TryParse<ProposalStatus>(to, out var target)) return BadRequest();
        var result = await proposals.TransitionAsync(Proposal, target, version, note?.Length > 2000 ? note[..2000] : note, ct);
        if (result.Outcome == Outcome.Ok) return Redirect($"/proposals/{id}?done={target}");
        await LoadAsync(id, ct);
        IsError = true;
        (FailedAction, NoteDraft) = (target.ToString(), note);
        Message = result.Outcome switch
        {
            Outcome.Conflict => t["Editor.Conflict"],
            Outcome.Invalid when result.Errors!.ContainsKey("note") => result.Errors["note"][0],
            Outcome.Invalid => t["Submit.NotReadyPage"],
            _ => t["Error.Forbidden"],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, uint version, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await proposals.DeleteAsync(Proposal, version, ct);
        if (result.Outcome == Outcome.Ok) return Redirect("/proposals");
        await LoadAsync(id, ct);
        (IsError, Message) = (true, result.Outcome == Outcome.Conflict ? t["Editor.Conflict"] : t["Error.Forbidden"]);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var (p, rel) = await proposals.FindAsync(id, ct);
        if (p is null) return false;
        (Proposal, Relation) = (p, rel);
        OpdName = await db.Opds.Where(o => o.Id == p.OpdId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var revs = await db.Set<ProposalRevision>().Where(r => r.ProposalId == id).OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, r.AuthorId, r.At, r.Source }).ToListAsync(ct);
        var authorIds = revs.Select(r => r.AuthorId).Append(p.AuthorId).Distinct().ToList();
        var names = await db.Users.Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        AuthorName = names.GetValueOrDefault(p.AuthorId, "");
        Revisions = revs.Select(r => new RevisionRow(r.Number, names.GetValueOrDefault(r.AuthorId, ""), r.At, r.Source)).ToList();
        Actions = ProposalAccess.Decisions(p, me);
        Timeline = await ProposalTimeline.LoadAsync(db, id, ct);
        WhatToFix = ProposalTimeline.WhatToFix(Timeline, p.Status);
        Blockers = Actions.Any(a => a.To == ProposalStatus.Submitted) ? proposals.ReadinessErrors(ProposalSnapshot.From(p)) : [];
        if (Request.Query["done"] is [{ } done] && Enum.TryParse<ProposalStatus>(done, out var s)) Message = t["Page.Done", t["Status." + s]];
        return true;
    }
}
