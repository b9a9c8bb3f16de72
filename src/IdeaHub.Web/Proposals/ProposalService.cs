using IdeaHub.Web.Proposals;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Proposals;

public enum Outcome { Ok, NotFound, Forbidden, Conflict, Invalid }

public sealed record ProposalResult(Outcome Outcome, Proposal? Proposal = null, Dictionary<string, string[]>? Errors = null)
{
    public static readonly ProposalResult NotFound = new(Outcome.NotFound);
    public static readonly ProposalResult Forbidden = new(Outcome.Forbidden);
    public static readonly ProposalResult Conflict = new(Outcome.Conflict);
}

/// <summary>Loading, saving (always as a revision), status changes and visibility of proposals for the current user.</summary>
public sealed class ProposalService(IdeaHubDb db, Caller me, IProposalEvents events, IStringLocalizer<ProposalsText> t,
    IStringLocalizer<Assistant.AssistantText> checkText)
{
    /// <summary>The revision list of a proposal the caller has already been allowed to see (<see cref="FindAsync"/>).</summary>
    public Task<List<RevisionSummary>> RevisionsAsync(Guid id, CancellationToken ct = default) =>
        db.Set<ProposalRevision>().Where(r => r.ProposalId == id).OrderByDescending(r => r.Number)
            .Select(r => new RevisionSummary(r.Number, r.AuthorId, r.At, r.Source.ToString())).ToListAsync(ct);

    public Task<ProposalRevision?> RevisionAsync(Guid id, int number, CancellationToken ct = default) =>
        db.Set<ProposalRevision>().AsNoTracking().FirstOrDefaultAsync(r => r.ProposalId == id && r.Number == number, ct);

    public Task<RevisionDiff?> DiffAsync(Guid id, int from, int to, CancellationToken ct = default) =>
        ProposalHistory.DiffAsync(db, id, from, to, ct);

    public Task<List<TimelineEntry>> TimelineAsync(Guid id, CancellationToken ct = default) => ProposalTimeline.LoadAsync(db, id, ct);

    /// <summary>
    /// What a save based on an older version ran into (issue 11.9): the proposal as it is now and which fields of the
    /// caller's text differ from it. Nothing is written; the caller's text stays in their editor and browser backup until
    /// they choose to save it as a new revision on top (the newer text then stays as the revision before it) or drop it.
    /// </summary>
    public async Task<EditConflict?> ConflictAsync(Guid id, ProposalSnapshot mine, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var (p, _) = await FindAsync(id, ct);
        if (p is null || !ProposalAccess.CanEdit(p, me)) return null;
        return new EditConflict(p.Version, p.RevisionNumber, p.UpdatedAt, mine.ChangedFields(ProposalSnapshot.From(p)));
    }

    public ProposalRelation RelationTo(Proposal p) => ProposalAccess.RelationOf(p, me);

    /// <summary>The proposal as the caller sees it, with the status changes and edits the rule allows them.</summary>
    public ProposalDto Dto(Proposal p) => ProposalDto.From(p, me);

    /// <summary>The proposals the caller may see, as a query (<see cref="ProposalAccess.VisibleTo"/>).</summary>
    public IQueryable<Proposal> Visible() => db.Set<Proposal>().Where(ProposalAccess.VisibleTo(me));

    /// <summary>The proposal (tracked, with indicators and co-authors) if the caller may see it.</summary>
    public async Task<(Proposal? Proposal, ProposalRelation Relation)> FindAsync(Guid id, CancellationToken ct = default)
    {
        var p = await db.Set<Proposal>().Include(x => x.Indicators).Include(x => x.CoAuthors)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return (null, ProposalRelation.None);
        var rel = RelationTo(p);
        return ProposalAccess.CanSee(p.Status, rel) ? (p, rel) : (null, rel);
    }

    public async Task<ProposalResult> CreateAsync(ProposalSnapshot s, RevisionSource source, CancellationToken ct = default)
    {
        if (me.PemkabId is not Guid pemkab || me.OpdId is not Guid opd) return ProposalResult.Forbidden;
        var p = new Proposal { PemkabId = pemkab, OpdId = opd, AuthorId = me.Id };
        s.ApplyTo(p);
        p.RevisionNumber = 1;
        db.Add(p);
        db.Add(Revision(p, 1, source, s));
        db.AddAudit(pemkab, me.Id, "proposal.created", p.Id, new { source = source.ToString() });
        await db.SaveChangesAsync(ct);
        return new ProposalResult(Outcome.Ok, p);
    }

    /// <summary>
    /// Saves the fields as a new revision. Consecutive autosaves by the same person update their autosave revision
    /// in place, and a save that changes nothing adds no revision.
    /// </summary>
    public async Task<ProposalResult> SaveAsync(Proposal p, ProposalSnapshot s, uint version, RevisionSource source, CancellationToken ct = default)
    {
        if (!ProposalAccess.CanEdit(p, me)) return ProposalResult.Forbidden;
        var last = await db.Set<ProposalRevision>().Where(r => r.ProposalId == p.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        var json = s.ToJson();
        if (last is not null && ProposalSnapshot.Parse(last.Snapshot).SameAs(s))
            return p.Version == version ? new ProposalResult(Outcome.Ok, p) : ProposalResult.Conflict;
        db.Entry(p).Property(x => x.Version).OriginalValue = version;
        ReplaceContent(db, p, s);
        p.UpdatedAt = DateTimeOffset.UtcNow;
        if (source == RevisionSource.Autosave && last is { Source: RevisionSource.Autosave } && last.AuthorId == me.Id)
        {
            last.Snapshot = json;
            last.At = p.UpdatedAt;
        }
        else
        {
            p.RevisionNumber += 1;
            db.Add(Revision(p, p.RevisionNumber, source, s));
        }
        return await CommitAsync(p, ct);
    }

    public async Task<ProposalResult> TransitionAsync(Proposal p, ProposalStatus to, uint version, string? note, CancellationToken ct = default)
    {
        var from = p.Status;
        // A caller acting on a stale view learns that the proposal changed, not that the (new) status forbids the move.
        if (p.Version != version) return ProposalResult.Conflict;
        var transition = ProposalAccess.Decision(p, me, to);
        if (transition is null) return ProposalResult.Forbidden;
        if (to == ProposalStatus.Submitted && ReadinessErrors(ProposalSnapshot.From(p)) is { Count: > 0 } errors)
            return new ProposalResult(Outcome.Invalid, p, errors);
        if (ProposalTimeline.NeedsReason(transition.Action) && string.IsNullOrWhiteSpace(note))
            return new ProposalResult(Outcome.Invalid, p, new() { ["note"] = [t["Transition.ReasonRequired." + transition.Action]] });
        var action = transition.Action;
        if (to == ProposalStatus.Submitted
            && !ProposalAccess.NeedsEndorsement(p, await OpdHeads.OfAsync(db, p.PemkabId, p.OpdId, ct)))
        {
            (to, action) = (ProposalStatus.InReview, ProposalLifecycle.SubmitDirect);
            note = string.IsNullOrWhiteSpace(note) ? t["Submit.Direct"] : $"{t["Submit.Direct"]} {note}";
        }
        db.Entry(p).Property(x => x.Version).OriginalValue = version;
        p.Status = to;
        p.UpdatedAt = DateTimeOffset.UtcNow;
        if (transition.To == ProposalStatus.Submitted) p.SubmittedAt = p.UpdatedAt;
        ProposalTimeline.Add(db, p, from, action, me.Id, note);
        db.AddAudit(p.PemkabId, me.Id, "proposal." + action, p.Id, new { from = from.ToString(), to = to.ToString(), note });
        var result = await CommitAsync(p, ct);
        if (result.Outcome != Outcome.Ok) return result;
        var payload = new { from = from.ToString(), to = to.ToString(), action, note, title = p.Title };
        await events.PublishAsync(new ProposalEvent(p.PemkabId, p.Id, ProposalEventKinds.StatusChanged, me.Id, payload), ct);
        if (to == ProposalStatus.NeedsRevision)
            await events.PublishAsync(new ProposalEvent(p.PemkabId, p.Id, ProposalEventKinds.RevisionRequested, me.Id, payload), ct);
        return result;
    }

    /// <summary>
    /// Archives <paramref name="duplicate"/> as merged into <paramref name="original"/> (the Duplicates feature's merge or
    /// join, inside its transaction), if <see cref="ProposalAccess"/> allows this caller. Does not publish: the caller
    /// announces the merge once its whole transaction has committed.
    /// </summary>
    public async Task<ProposalResult> ArchiveAsDuplicateAsync(Proposal duplicate, Proposal original, string action, string? note,
        CancellationToken ct = default)
    {
        var allowed = action == ProposalLifecycle.Join ? ProposalAccess.CanJoin(duplicate, original, me)
            : action == ProposalLifecycle.Merge && ProposalAccess.CanMerge(duplicate, original, me);
        if (!allowed) return ProposalResult.Forbidden;
        var from = duplicate.Status;
        duplicate.MergedIntoId = original.Id;
        duplicate.Status = ProposalStatus.Archived;
        duplicate.UpdatedAt = DateTimeOffset.UtcNow;
        ProposalTimeline.Add(db, duplicate, from, action, me.Id, note);
        db.AddAudit(duplicate.PemkabId, me.Id, "proposal." + action, duplicate.Id,
            new { from = from.ToString(), to = nameof(ProposalStatus.Archived), original = original.Id, note });
        return await CommitAsync(duplicate, ct);
    }

    public async Task<ProposalResult> DeleteAsync(Proposal p, uint version, CancellationToken ct = default)
    {
        if (!ProposalAccess.CanDelete(p, me)) return ProposalResult.Forbidden;
        db.Entry(p).Property(x => x.Version).OriginalValue = version;
        db.Remove(p);
        db.AddAudit(p.PemkabId, me.Id, "proposal.deleted", null, new { id = p.Id, title = p.Title });
        return await CommitAsync(p, ct);
    }

    /// <summary>
    /// Copies a snapshot onto a tracked proposal. The new indicator rows carry client-made keys, so they are added
    /// explicitly; otherwise EF would take them for existing rows to update.
    /// </summary>
    public static void ReplaceContent(IdeaHubDb db, Proposal p, ProposalSnapshot s)
    {
        s.ApplyTo(p);
        db.AddRange(p.Indicators);
    }

    /// <summary>
    /// What blocks submission, all at once: exactly the checks' errors (issue 12.5), so the checks the author sees and
    /// the gate agree. Warnings (a short rancang bangun, vague words) inform but do not block.
    /// </summary>
    public Dictionary<string, string[]> ReadinessErrors(ProposalSnapshot s) =>
        Assistant.ProposalChecks.Run(s, DateOnly.FromDateTime(DateTime.UtcNow))
            .Where(f => f.Severity == Assistant.CheckSeverity.Error)
            .GroupBy(f => f.Field)
            .ToDictionary(g => g.Key, g => g.Select(f => Assistant.CheckText.Describe(f, checkText).Message).ToArray());

    private ProposalRevision Revision(Proposal p, int number, RevisionSource source, ProposalSnapshot s) => new()
    {
        PemkabId = p.PemkabId, ProposalId = p.Id, Number = number, AuthorId = me.Id, Source = source, Snapshot = s.ToJson(),
    };

    private async Task<ProposalResult> CommitAsync(Proposal p, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new ProposalResult(Outcome.Ok, p);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ProposalResult.Conflict;
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ForeignKeyViolation })
        {
            // E.g. deleting a proposal another one was merged into: the state changed under the caller, never a 500.
            db.ChangeTracker.Clear();
            return ProposalResult.Conflict;
        }
    }
}
