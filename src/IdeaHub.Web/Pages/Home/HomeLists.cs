using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using ReviewEntity = IdeaHub.Web.Reviews.Review;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Pages.Home;

/// <summary>One line of a home list: a proposal, what is said about it, and since when.</summary>
public sealed record HomeItem(Guid Id, string Title, ProposalStatus Status, DateTimeOffset At, string? Note = null,
    string? Opd = null, bool Done = false);

/// <summary>
/// What each role has to act on (issue 12.9). Every list starts from <see cref="ProposalReader.Visible"/> and, where an
/// action is named, keeps only what <see cref="ProposalAccess"/> lets the caller do now.
/// </summary>
public sealed class HomeLists(IdeaHubDb db, ProposalReader proposals, Caller me)
{
    private const int Max = 20;

    private IQueryable<Proposal> Visible => proposals.Visible(me).Include(p => p.CoAuthors);

    public Task<List<HomeItem>> DraftsAsync(CancellationToken ct) =>
        proposals.Team(me).Where(p => p.Status == ProposalStatus.Draft).OrderByDescending(p => p.UpdatedAt).Take(Max)
            .Select(p => new HomeItem(p.Id, p.Title, p.Status, p.UpdatedAt, null, null, false)).ToListAsync(ct);

    /// <summary>The team's proposals sent back, each with the reason of the latest request for revision.</summary>
    public Task<List<HomeItem>> ReturnedAsync(CancellationToken ct) =>
        proposals.Team(me).Where(p => p.Status == ProposalStatus.NeedsRevision).OrderByDescending(p => p.UpdatedAt).Take(Max)
            .Select(p => new HomeItem(p.Id, p.Title, p.Status, p.UpdatedAt,
                db.Set<ProposalStatusEvent>().Where(e => e.ProposalId == p.Id && e.Action == "request-revision")
                    .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Reason).FirstOrDefault(), null, false))
            .ToListAsync(ct);

    /// <summary>Reviews and comments others wrote on the team's proposals in the last two weeks, newest first.</summary>
    public async Task<List<HomeItem>> FeedbackAsync(CancellationToken ct)
    {
        var since = DateTimeOffset.UtcNow.AddDays(-14);
        var team = proposals.Team(me);
        var reviews = await db.Set<ReviewEntity>().AsNoTracking()
            .Where(r => r.ReviewerId != me.Id && r.UpdatedAt >= since).OrderByDescending(r => r.UpdatedAt)
            .Join(team, r => r.ProposalId, p => p.Id, (r, p) => new { p.Id, p.Title, p.Status, At = r.UpdatedAt })
            .Take(Max).ToListAsync(ct);
        var comments = await db.Set<Comment>().AsNoTracking()
            .Where(c => c.AuthorId != me.Id && c.CreatedAt >= since).OrderByDescending(c => c.CreatedAt)
            .Join(team, c => c.ProposalId, p => p.Id, (c, p) => new { p.Id, p.Title, p.Status, At = c.CreatedAt })
            .Take(Max).ToListAsync(ct);
        return reviews.Select(r => new HomeItem(r.Id, r.Title, r.Status, r.At, "review"))
            .Concat(comments.Select(c => new HomeItem(c.Id, c.Title, c.Status, c.At, "comment")))
            .OrderByDescending(i => i.At).Take(Max).ToList();
    }

    /// <summary>Their OPD's submissions that this Kepala OPD may endorse now.</summary>
    public async Task<List<HomeItem>> AwaitingEndorsementAsync(CancellationToken ct)
    {
        var list = await Visible.Where(p => p.Status == ProposalStatus.Submitted && p.OpdId == me.OpdId)
            .OrderBy(p => p.SubmittedAt).Take(100).ToListAsync(ct);
        return list.Where(p => ProposalAccess.Decisions(p, me).Any(d => d.Action == "endorse")).Take(Max)
            .Select(p => new HomeItem(p.Id, p.Title, p.Status, p.SubmittedAt ?? p.UpdatedAt)).ToList();
    }

    /// <summary>Other OPDs' proposals this Kepala OPD may vote on, those without their vote first.</summary>
    public async Task<List<HomeItem>> OpenForVoteAsync(CancellationToken ct)
    {
        var list = await Visible.Where(p => p.OpdId != me.OpdId && (p.Status == ProposalStatus.InReview
                || p.Status == ProposalStatus.ApprovedForTrial || p.Status == ProposalStatus.Implemented))
            .OrderByDescending(p => p.SubmittedAt).Take(200).ToListAsync(ct);
        var open = list.Where(p => ProposalAccess.CanVote(p, me)).ToList();
        var ids = open.Select(p => p.Id).ToList();
        var voted = (await db.Set<Vote>().Where(v => v.VoterId == me.Id && ids.Contains(v.ProposalId)).Select(v => v.ProposalId)
            .ToListAsync(ct)).ToHashSet();
        var opds = await OpdNamesAsync(ct);
        return open.OrderBy(p => voted.Contains(p.Id)).Take(Max).Select(p => new HomeItem(p.Id, p.Title, p.Status,
            p.SubmittedAt ?? p.UpdatedAt, null, opds.GetValueOrDefault(p.OpdId), voted.Contains(p.Id))).ToList();
    }

    /// <summary>Proposals in review this caller may score, the longest waiting first; Done when they already scored it.</summary>
    public async Task<List<HomeItem>> ReviewQueueAsync(CancellationToken ct)
    {
        var rows = await Visible.Where(p => p.Status == ProposalStatus.InReview)
            .Select(p => new
            {
                Proposal = p,
                Since = db.Set<ProposalStatusEvent>().Where(e => e.ProposalId == p.Id && e.To == ProposalStatus.InReview)
                    .Max(e => (DateTimeOffset?)e.At) ?? p.SubmittedAt ?? p.UpdatedAt,
                Reviewed = db.Set<ReviewEntity>().Any(r => r.ProposalId == p.Id && r.ReviewerId == me.Id),
            })
            .OrderBy(r => r.Since).Take(200).ToListAsync(ct);
        var opds = await OpdNamesAsync(ct);
        return rows.Where(r => ProposalAccess.CanReview(r.Proposal, me)).OrderBy(r => r.Reviewed).ThenBy(r => r.Since).Take(Max)
            .Select(r => new HomeItem(r.Proposal.Id, r.Proposal.Title, r.Proposal.Status, r.Since, null,
                opds.GetValueOrDefault(r.Proposal.OpdId), r.Reviewed)).ToList();
    }

    private Task<Dictionary<Guid, string>> OpdNamesAsync(CancellationToken ct) =>
        db.Opds.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
}
