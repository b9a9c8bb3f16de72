using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Reviews;

/// <summary>
/// What the review, comment and vote panels of a proposal page may show to this viewer, as the rule
/// (<see cref="ProposalAccess"/>) answers. Any proposal page renders them with
/// <c>&lt;partial name="/Pages/Review/_FeedbackPanels.cshtml" model="await FeedbackPanels.LoadAsync(db, proposal, me)" /&gt;</c>.
/// </summary>
public sealed record FeedbackPanels(Guid ProposalId, uint Version, ProposalStatus Status, bool CanReview, bool CanComment,
    bool CanVote, IReadOnlyList<Transition> Decisions, bool IsAuthor, IReadOnlyList<RubricCriterion> Criteria)
{
    /// <param name="p">Loaded through <see cref="ProposalReader"/> (with its co-authors).</param>
    public static async Task<FeedbackPanels> LoadAsync(IdeaHubDb db, Proposal p, Caller me) => new(
        p.Id, p.Version, p.Status,
        ProposalAccess.CanReview(p, me) && ProposalAccess.IsOpenForReview(p.Status),
        ProposalAccess.CanComment(p, me),
        ProposalAccess.CanVote(p, me) && ProposalAccess.IsOpenForVotes(p.Status),
        // The team's own moves (submit, archive) live on the proposal page, not among the reviewers' decisions.
        ProposalAccess.Decisions(p, me).Where(t => (t.By & ProposalAccess.Team) == 0).ToList(),
        (ProposalAccess.RelationOf(p, me) & ProposalAccess.Team) != 0,
        await db.Set<RubricCriterion>().AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Position).ToListAsync());
}
