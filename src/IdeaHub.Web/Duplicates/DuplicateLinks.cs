using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Duplicates;

public enum LinkOutcome { Done, NotFound, Forbidden, Invalid }

/// <param name="Restricted">The caller may not open the other proposal: no title, only its OPD and status.</param>
public sealed record ProposalLinkView(Guid OtherId, string OtherTitle, string OtherOpd, string OtherStatus, string Kind, string Direction,
    DateTimeOffset CreatedAt, bool Restricted);

/// <summary>
/// Reviewer and Kepala OPD decisions on pairs, as <see cref="ProposalAccess"/> allows them (CanLink, CanMerge, CanJoin)
/// on proposals the caller may open. Related: one row, read both ways. Duplicate (merge, join): the duplicate's votes
/// and comments move to the original through the Reviews feature (<see cref="ReviewTransfer"/>), the duplicate is
/// archived through the Proposals feature (<see cref="ProposalService.ArchiveAsDuplicateAsync"/>), its author is told why.
/// </summary>
public sealed class DuplicateLinks(IdeaHubDb db, Caller me, IProposalEvents events, ProposalReader reader, ProposalService proposals,
    ReviewTransfer reviews)
{
    public async Task<LinkOutcome> LinkRelatedAsync(Guid a, Guid b, string note, CancellationToken ct = default)
    {
        if (a == b) return LinkOutcome.Invalid;
        if (await reader.FindVisibleAsync(a, me, ct) is not { } pa || await reader.FindVisibleAsync(b, me, ct) is not { } pb)
            return LinkOutcome.NotFound;
        if (!ProposalAccess.CanLink(pa, pb, me)) return LinkOutcome.Forbidden;
        var (low, high) = a.CompareTo(b) < 0 ? (a, b) : (b, a);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO proposal_link (id, pemkab_id, proposal_id, other_id, kind, actor_id, note)
            VALUES ({Guid.CreateVersion7()}, {pa.PemkabId}, {low}, {high}, 'related', {me.Id}, {note}) ON CONFLICT DO NOTHING
            """, ct);
        db.AddAudit(pa.PemkabId, me.Id, "duplicates.related", a, new { other = b });
        await db.SaveChangesAsync(ct);
        return LinkOutcome.Done;
    }

    /// <summary>Tim Inovasi merges <paramref name="duplicateId"/> into <paramref name="originalId"/>.</summary>
    public Task<LinkOutcome> MergeAsync(Guid duplicateId, Guid originalId, string note, CancellationToken ct = default) =>
        MergeCoreAsync(duplicateId, originalId, note, ProposalLifecycle.Merge, ct);

    /// <summary>At submit, the author of a draft joins the existing proposal instead of submitting a duplicate.</summary>
    public Task<LinkOutcome> JoinAsync(Guid draftId, Guid originalId, CancellationToken ct = default) =>
        MergeCoreAsync(draftId, originalId, "", ProposalLifecycle.Join, ct);

    /// <summary>
    /// The author states the draft differs from a listed match (which they may not be able to open: a restricted
    /// match); recorded so the compare step can show it as settled.
    /// </summary>
    public async Task<LinkOutcome> MarkDistinctAsync(Guid draftId, Guid otherId, string note, CancellationToken ct = default)
    {
        if (draftId == otherId) return LinkOutcome.Invalid;
        if (await reader.FindVisibleAsync(draftId, me, ct) is not { } draft
            || !await db.Set<Proposal>().AnyAsync(p => p.Id == otherId, ct)) return LinkOutcome.NotFound;
        if (!ProposalAccess.CanEdit(draft, me)) return LinkOutcome.Forbidden;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO proposal_link (id, pemkab_id, proposal_id, other_id, kind, actor_id, note)
            VALUES ({Guid.CreateVersion7()}, {draft.PemkabId}, {draftId}, {otherId}, 'distinct', {me.Id}, {note}) ON CONFLICT DO NOTHING
            """, ct);
        return LinkOutcome.Done;
    }

    /// <summary>
    /// The links of a proposal the caller may open; a linked proposal they may not open shows only its OPD and status
    /// (<see cref="ProposalLinkView.Restricted"/>), the same way the similar lists show it.
    /// </summary>
    public async Task<IReadOnlyList<ProposalLinkView>?> LinksAsync(Guid id, CancellationToken ct = default)
    {
        if (await reader.FindVisibleAsync(id, me, ct) is null) return null;
        var pemkab = db.TenantId;
        var rows = await db.Database.SqlQuery<LinkRow>($"""
            SELECT CASE WHEN l.proposal_id = {id} THEN l.other_id ELSE l.proposal_id END AS other_id, p.title AS other_title,
                   o.name AS other_opd, p.status AS other_status, l.kind,
                   CASE WHEN l.proposal_id = {id} THEN 'out' ELSE 'in' END AS direction, l.created_at
            FROM proposal_link l JOIN proposal p ON p.id = CASE WHEN l.proposal_id = {id} THEN l.other_id ELSE l.proposal_id END
              JOIN opd o ON o.id = p.opd_id
            WHERE l.pemkab_id = {pemkab} AND (l.proposal_id = {id} OR l.other_id = {id}) ORDER BY l.created_at
            """).ToListAsync(ct);
        var ids = rows.Select(r => r.OtherId).ToList();
        var visible = (await reader.Visible(me).Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return rows.Select(r => visible.Contains(r.OtherId)
            ? new ProposalLinkView(r.OtherId, r.OtherTitle, r.OtherOpd, r.OtherStatus, r.Kind, r.Direction, r.CreatedAt, false)
            : new ProposalLinkView(r.OtherId, "", r.OtherOpd, r.OtherStatus, r.Kind, r.Direction, r.CreatedAt, true)).ToList();
    }

    private sealed record LinkRow(Guid OtherId, string OtherTitle, string OtherOpd, string OtherStatus, string Kind, string Direction,
        DateTimeOffset CreatedAt);

    private async Task<LinkOutcome> MergeCoreAsync(Guid duplicateId, Guid originalId, string note, string action, CancellationToken ct)
    {
        if (duplicateId == originalId) return LinkOutcome.Invalid;
        var (dup, _) = await proposals.FindAsync(duplicateId, ct);
        var original = await reader.FindVisibleAsync(originalId, me, ct);
        if (dup is null || original is null) return LinkOutcome.NotFound;
        if (dup.MergedIntoId is not null || original.MergedIntoId is not null) return LinkOutcome.Invalid;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var archived = await proposals.ArchiveAsDuplicateAsync(dup, original, action, note, ct);
        if (archived.Outcome != Outcome.Ok)
            return archived.Outcome == Outcome.Conflict ? throw new DbUpdateConcurrencyException() : LinkOutcome.Forbidden;
        var (moved, comments) = await reviews.MoveAsync(dup, original, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO proposal_link (id, pemkab_id, proposal_id, other_id, kind, actor_id, note)
            VALUES ({Guid.CreateVersion7()}, {dup.PemkabId}, {duplicateId}, {originalId}, 'duplicate', {me.Id}, {note}) ON CONFLICT DO NOTHING
            """, ct);
        db.AddAudit(dup.PemkabId, me.Id, action == ProposalLifecycle.Join ? "duplicates.joined" : "duplicates.merged", duplicateId,
            new { original = originalId, votesMoved = moved, commentsMoved = comments, note });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await events.PublishAsync(new ProposalEvent(dup.PemkabId, duplicateId, ProposalEventKinds.DuplicateFlagged, me.Id,
            new { originalId, originalTitle = original.Title, note, joined = action == ProposalLifecycle.Join }), ct);
        if (moved > 0)
            await events.PublishAsync(new ProposalEvent(dup.PemkabId, originalId, ProposalEventKinds.VoteTotalsChanged, me.Id,
                new { votesMoved = moved }), ct);
        return LinkOutcome.Done;
    }
}
