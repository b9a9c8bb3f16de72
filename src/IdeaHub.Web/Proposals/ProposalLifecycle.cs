using IdeaHub.Web.Organisation;

namespace IdeaHub.Web.Proposals;

/// <summary>How the caller relates to one proposal; a person can hold several relations at once.</summary>
[Flags]
public enum ProposalRelation
{
    None = 0,
    /// <summary>Same Pemkab, nothing else.</summary>
    Member = 1,
    Author = 2,
    /// <summary>Kepala OPD of the proposal's own OPD.</summary>
    KepalaOfOpd = 4,
    /// <summary>Tim Inovasi (Bappeda/BRIDA).</summary>
    Reviewer = 8,
    /// <summary>Any Kepala OPD of the Pemkab: the voting panel.</summary>
    Panel = 16,
    /// <summary>Bupati, Wakil, Sekda.</summary>
    Leadership = 32,
}

public sealed record Transition(ProposalStatus From, ProposalStatus To, ProposalRelation By, string Action);

/// <summary>
/// The one table of allowed status changes and the visibility rules. Pages and the API both ask here; nothing else
/// decides who may do what with a proposal.
/// </summary>
public static class ProposalLifecycle
{
    public static readonly IReadOnlyList<Transition> Transitions =
    [
        new(ProposalStatus.Draft, ProposalStatus.Submitted, ProposalRelation.Author, "submit"),
        new(ProposalStatus.Draft, ProposalStatus.Archived, ProposalRelation.Author, "archive"),
        new(ProposalStatus.NeedsRevision, ProposalStatus.Submitted, ProposalRelation.Author, "resubmit"),
        new(ProposalStatus.NeedsRevision, ProposalStatus.Archived, ProposalRelation.Author, "archive"),
        // The head of the OPD endorses a submission by forwarding it into review, or sends it back.
        new(ProposalStatus.Submitted, ProposalStatus.InReview, ProposalRelation.KepalaOfOpd, "endorse"),
        new(ProposalStatus.Submitted, ProposalStatus.NeedsRevision, ProposalRelation.KepalaOfOpd, "request-revision"),
        new(ProposalStatus.InReview, ProposalStatus.NeedsRevision, ProposalRelation.KepalaOfOpd, "request-revision"),
        new(ProposalStatus.Submitted, ProposalStatus.InReview, ProposalRelation.Reviewer, "review"),
        new(ProposalStatus.InReview, ProposalStatus.NeedsRevision, ProposalRelation.Reviewer, "request-revision"),
        new(ProposalStatus.InReview, ProposalStatus.ApprovedForTrial, ProposalRelation.Reviewer, "approve"),
        new(ProposalStatus.InReview, ProposalStatus.Rejected, ProposalRelation.Reviewer, "reject"),
        new(ProposalStatus.ApprovedForTrial, ProposalStatus.Implemented, ProposalRelation.Reviewer, "implement"),
        new(ProposalStatus.Rejected, ProposalStatus.Archived, ProposalRelation.Reviewer, "archive"),
    ];

    /// <summary>The transition the caller may make from the current status to <paramref name="to"/>, if any.</summary>
    public static Transition? Find(ProposalStatus from, ProposalStatus to, ProposalRelation who) =>
        Transitions.FirstOrDefault(t => t.From == from && t.To == to && (who & t.By) != 0);

    public static IEnumerable<Transition> Available(ProposalStatus from, ProposalRelation who) =>
        Transitions.Where(t => t.From == from && (who & t.By) != 0).DistinctBy(t => t.To);

    /// <summary>
    /// A draft is its author's. Once submitted: the OPD's head and Tim Inovasi. While in review: also every Kepala OPD
    /// (they vote on other OPDs' proposals) and the regional leadership (the monthly ranking). Approved and implemented
    /// innovations: everyone in the Pemkab.
    /// </summary>
    public static bool CanView(ProposalStatus status, ProposalRelation who) =>
        (who & ProposalRelation.Author) != 0 || status switch
        {
            ProposalStatus.Draft or ProposalStatus.Archived => false,
            ProposalStatus.ApprovedForTrial or ProposalStatus.Implemented => who != ProposalRelation.None,
            ProposalStatus.InReview => (who & (ProposalRelation.KepalaOfOpd | ProposalRelation.Reviewer | ProposalRelation.Panel | ProposalRelation.Leadership)) != 0,
            _ => (who & (ProposalRelation.KepalaOfOpd | ProposalRelation.Reviewer)) != 0,
        };

    /// <summary>How a user relates to a proposal; the one place that turns identity into <see cref="ProposalRelation"/>.</summary>
    public static ProposalRelation RelationOf(Proposal p, Guid userId, Guid? pemkabId, Guid? opdId, Func<string, bool> isInRole)
    {
        if (pemkabId != p.PemkabId) return ProposalRelation.None;
        var r = ProposalRelation.Member;
        if (p.AuthorId == userId) r |= ProposalRelation.Author;
        if (isInRole(Roles.KepalaOpd)) r |= opdId == p.OpdId ? ProposalRelation.KepalaOfOpd : ProposalRelation.Panel;
        if (isInRole(Roles.Reviewer)) r |= ProposalRelation.Reviewer;
        if (isInRole(Roles.Bupati)) r |= ProposalRelation.Leadership;
        return r;
    }

    /// <summary>Only the author edits, and only while the proposal is theirs to work on.</summary>
    public static bool CanEdit(ProposalStatus status, ProposalRelation who) =>
        (who & ProposalRelation.Author) != 0 && status is ProposalStatus.Draft or ProposalStatus.NeedsRevision;

    public static bool CanDelete(ProposalStatus status, ProposalRelation who) =>
        (who & ProposalRelation.Author) != 0 && status == ProposalStatus.Draft;

    /// <summary>Statuses a reviewer or the OPD head sees (everything after submission except a withdrawn draft).</summary>
    public static readonly IReadOnlyList<ProposalStatus> ReviewableStatuses =
    [
        ProposalStatus.Submitted, ProposalStatus.InReview, ProposalStatus.NeedsRevision, ProposalStatus.ApprovedForTrial,
        ProposalStatus.Implemented, ProposalStatus.Rejected,
    ];

    public static readonly IReadOnlyList<ProposalStatus> PublicStatuses = [ProposalStatus.ApprovedForTrial, ProposalStatus.Implemented];
}
