using IdeaHub.Web.Data;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Reviews;

/// <summary>
/// What the review, comment and vote panels of a proposal page may show to this viewer. Any proposal page renders them
/// with <c>&lt;partial name="/Pages/Review/_FeedbackPanels.cshtml" model="await FeedbackPanels.LoadAsync(db, proposal, viewer)" /&gt;</c>.
/// </summary>
public sealed record FeedbackPanels(Guid ProposalId, uint Version, ProposalStatus Status, bool CanReview, bool CanComment,
    bool CanVote, IReadOnlyList<Transition> Decisions, bool IsAuthor, IReadOnlyList<RubricCriterion> Criteria)
{
    public static async Task<FeedbackPanels> LoadAsync(IdeaHubDb db, Proposal p, Viewer v) => new(
        p.Id, p.Version, p.Status,
        ProposalAccess.CanReview(p, v) && ProposalAccess.IsOpenForReview(p.Status),
        ProposalAccess.CanComment(p, v),
        ProposalAccess.CanVote(p, v) && ProposalAccess.IsOpenForVotes(p.Status),
        ProposalLifecycle.Available(p.Status, Relation(p, v)).ToList(),
        p.AuthorId == v.Id,
        await db.Set<RubricCriterion>().AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Position).ToListAsync());

    /// <summary>The reviewing side of the viewer's relation; the author's own transitions live on the proposal page.</summary>
    private static ProposalRelation Relation(Proposal p, Viewer v)
    {
        var r = ProposalRelation.Member;
        if (v.Is(Organisation.Roles.KepalaOpd) && v.OpdId == p.OpdId) r |= ProposalRelation.KepalaOfOpd;
        if (v.Is(Organisation.Roles.Reviewer) && p.AuthorId != v.Id) r |= ProposalRelation.Reviewer;
        return r;
    }
}
