using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Duplicates;

public enum LinkOutcome { Done, NotFound, Forbidden, Invalid }

public sealed record ProposalLinkView(Guid OtherId, string OtherTitle, string Kind, string Direction, DateTimeOffset CreatedAt);

/// <summary>
/// Reviewer and Kepala OPD decisions on pairs. Related: one row, read both ways. Duplicate (merge): the duplicate's
/// support votes and comments move to the original (a voter who already voted on the original keeps that vote, and
/// a head never ends up voting on their own OPD), the duplicate is archived with MergedIntoId, its author is told why.
/// </summary>
public sealed class DuplicateLinks(IdeaHubDb db, Caller me, IProposalEvents events)
{
    /// <summary>Tim Inovasi, Admin, or the Kepala OPD of either proposal's OPD.</summary>
    public async Task<LinkOutcome> LinkRelatedAsync(Guid a, Guid b, string note, CancellationToken ct = default)
    {
        if (a == b) return LinkOutcome.Invalid;
        var pair = await LoadAsync([a, b], ct);
        if (pair.Count != 2) return LinkOutcome.NotFound;
        var mayLink = me.IsInRole(Roles.Reviewer) || me.IsInRole(Roles.Admin)
            || (me.IsInRole(Roles.KepalaOpd) && pair.Any(p => p.OpdId == me.OpdId));
        if (!mayLink) return LinkOutcome.Forbidden;
        var (low, high) = a.CompareTo(b) < 0 ? (a, b) : (b, a);
        var pemkab = pair[0].PemkabId;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO proposal_link (id, pemkab_id, proposal_id, other_id, kind, actor_id, note)
            VALUES ({Guid.CreateVersion7()}, {pemkab}, {low}, {high}, 'related', {me.Id}, {note}) ON CONFLICT DO NOTHING
            """, ct);
        db.AddAudit(pemkab, me.Id, "duplicates.related", a, new { other = b });
        await db.SaveChangesAsync(ct);
        return LinkOutcome.Done;
    }

    /// <summary>Merges <paramref name="duplicateId"/> into <paramref name="originalId"/>; only Tim Inovasi or Admin.</summary>
    public Task<LinkOutcome> MergeAsync(Guid duplicateId, Guid originalId, string note, CancellationToken ct = default) =>
        me.IsInRole(Roles.Reviewer) || me.IsInRole(Roles.Admin)
            ? MergeCoreAsync(duplicateId, originalId, note, authorJoined: false, ct)
            : Task.FromResult(LinkOutcome.Forbidden);

    /// <summary>At submit, the author of a draft joins the existing proposal instead of submitting a duplicate.</summary>
    public async Task<LinkOutcome> JoinAsync(Guid draftId, Guid originalId, CancellationToken ct = default)
    {
        var draft = await db.Set<Proposal>().FirstOrDefaultAsync(p => p.Id == draftId, ct);
        if (draft is null) return LinkOutcome.NotFound;
        if (draft.AuthorId != me.Id) return LinkOutcome.Forbidden;
        return await MergeCoreAsync(draftId, originalId, "", authorJoined: true, ct);
    }

    /// <summary>The author states the draft differs from a listed match; recorded so the compare step can show it as settled.</summary>
    public async Task<LinkOutcome> MarkDistinctAsync(Guid draftId, Guid otherId, string note, CancellationToken ct = default)
    {
        var pair = await LoadAsync([draftId, otherId], ct);
        if (pair.Count != 2 || draftId == otherId) return pair.Count != 2 ? LinkOutcome.NotFound : LinkOutcome.Invalid;
        var draft = pair.Single(p => p.Id == draftId);
        if (draft.AuthorId != me.Id) return LinkOutcome.Forbidden;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO proposal_link (id, pemkab_id, proposal_id, other_id, kind, actor_id, note)
            VALUES ({Guid.CreateVersion7()}, {draft.PemkabId}, {draftId}, {otherId}, 'distinct', {me.Id}, {note}) ON CONFLICT DO NOTHING
            """, ct);
        return LinkOutcome.Done;
    }

    public async Task<IReadOnlyList<ProposalLinkView>?> LinksAsync(Guid id, CancellationToken ct = default)
    {
        if (!await db.Set<Proposal>().AnyAsync(p => p.Id == id, ct)) return null;
        var pemkab = db.TenantId;
        return await db.Database.SqlQuery<ProposalLinkView>($"""
            SELECT CASE WHEN l.proposal_id = {id} THEN l.other_id ELSE l.proposal_id END AS other_id, p.title AS other_title, l.kind,
                   CASE WHEN l.proposal_id = {id} THEN 'out' ELSE 'in' END AS direction, l.created_at
            FROM proposal_link l JOIN proposal p ON p.id = CASE WHEN l.proposal_id = {id} THEN l.other_id ELSE l.proposal_id END
            WHERE l.pemkab_id = {pemkab} AND (l.proposal_id = {id} OR l.other_id = {id}) ORDER BY l.created_at
            """).ToListAsync(ct);
    }

    private Task<List<Proposal>> LoadAsync(Guid[] ids, CancellationToken ct) =>
        db.Set<Proposal>().Where(p => ids.Contains(p.Id)).ToListAsync(ct);

    private async Task<LinkOutcome> MergeCoreAsync(Guid duplicateId, Guid originalId, string note, bool authorJoined, CancellationToken ct)
    {
        if (duplicateId == originalId) return LinkOutcome.Invalid;
        var pair = await LoadAsync([duplicateId, originalId], ct);
        if (pair.Count != 2) return LinkOutcome.NotFound;
        var dup = pair.Single(p => p.Id == duplicateId);
        var original = pair.Single(p => p.Id == originalId);
        if (dup.MergedIntoId is not null || original.MergedIntoId is not null) return LinkOutcome.Invalid;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pemkab = dup.PemkabId;
        // Votes: the original keeps its own vote per voter; heads of the original's OPD may not vote on it.
        var moved = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE vote v SET proposal_id = {originalId}, updated_at = now()
            WHERE v.pemkab_id = {pemkab} AND v.proposal_id = {duplicateId} AND v.voter_opd_id <> {original.OpdId}
              AND NOT EXISTS (SELECT 1 FROM vote o WHERE o.proposal_id = {originalId} AND o.voter_id = v.voter_id)
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM vote WHERE pemkab_id = {pemkab} AND proposal_id = {duplicateId}", ct);
        var comments = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE comment SET proposal_id = {originalId} WHERE pemkab_id = {pemkab} AND proposal_id = {duplicateId}", ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO proposal_link (id, pemkab_id, proposal_id, other_id, kind, actor_id, note)
            VALUES ({Guid.CreateVersion7()}, {pemkab}, {duplicateId}, {originalId}, 'duplicate', {me.Id}, {note}) ON CONFLICT DO NOTHING
            """, ct);
        dup.MergedIntoId = originalId;
        dup.Status = ProposalStatus.Archived;
        dup.UpdatedAt = DateTimeOffset.UtcNow;
        db.AddAudit(pemkab, me.Id, authorJoined ? "duplicates.joined" : "duplicates.merged", duplicateId,
            new { original = originalId, votesMoved = moved, commentsMoved = comments, note });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await events.PublishAsync(new ProposalEvent(pemkab, duplicateId, ProposalEventKinds.DuplicateFlagged, me.Id,
            new { originalId, originalTitle = original.Title, note, joined = authorJoined }), ct);
        if (moved > 0)
            await events.PublishAsync(new ProposalEvent(pemkab, originalId, ProposalEventKinds.VoteTotalsChanged, me.Id, new { votesMoved = moved }), ct);
        return LinkOutcome.Done;
    }
}
