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
    /// <summary>A co-proposer: like the author, except that only the author archives or deletes.</summary>
    CoAuthor = 64,
}

public sealed record Transition(ProposalStatus From, ProposalStatus To, ProposalRelation By, string Action);

/// <summary>
/// The one table of allowed status changes. <see cref="ProposalAccess"/> answers who may make which of them; nothing
/// else reads this table to decide.
/// </summary>
public static class ProposalLifecycle
{
    private const ProposalRelation Team = ProposalRelation.Author | ProposalRelation.CoAuthor;

    public static readonly IReadOnlyList<Transition> Transitions =
    [
        new(ProposalStatus.Draft, ProposalStatus.Submitted, Team, "submit"),
        new(ProposalStatus.Draft, ProposalStatus.Archived, ProposalRelation.Author, "archive"),
        new(ProposalStatus.NeedsRevision, ProposalStatus.Submitted, Team, "resubmit"),
        new(ProposalStatus.NeedsRevision, ProposalStatus.Archived, ProposalRelation.Author, "archive"),
        // The head of the OPD endorses a submission by forwarding it into review, or sends it back.
        new(ProposalStatus.Submitted, ProposalStatus.InReview, ProposalRelation.KepalaOfOpd, "endorse"),
        new(ProposalStatus.Submitted, ProposalStatus.NeedsRevision, ProposalRelation.KepalaOfOpd, "request-revision"),
        new(ProposalStatus.InReview, ProposalStatus.NeedsRevision, ProposalRelation.KepalaOfOpd, "request-revision"),
        new(ProposalStatus.InReview, ProposalStatus.NeedsRevision, ProposalRelation.Reviewer, "request-revision"),
        new(ProposalStatus.InReview, ProposalStatus.ApprovedForTrial, ProposalRelation.Reviewer, "approve"),
        new(ProposalStatus.InReview, ProposalStatus.Rejected, ProposalRelation.Reviewer, "reject"),
        new(ProposalStatus.ApprovedForTrial, ProposalStatus.Implemented, ProposalRelation.Reviewer, "implement"),
        new(ProposalStatus.Rejected, ProposalStatus.Archived, ProposalRelation.Reviewer, "archive"),
    ];

    /// <summary>
    /// A submission that nobody outside the team can endorse (<see cref="ProposalAccess.NeedsEndorsement"/>) lands in
    /// review at once; the team still asks for Submitted, the service records this action instead.
    /// </summary>
    public const string SubmitDirect = "submit-direct";

    public const string Merge = "merge";
    public const string Join = "join";

    /// <summary>
    /// Archiving a proposal as the duplicate of another. Only the Duplicates feature's merge and join make these (never
    /// a plain status change): Tim Inovasi merges what is in review or back for revision; the author joins their draft
    /// into an existing proposal instead of submitting it.
    /// </summary>
    public static readonly IReadOnlyList<Transition> Merges =
    [
        new(ProposalStatus.InReview, ProposalStatus.Archived, ProposalRelation.Reviewer, Merge),
        new(ProposalStatus.NeedsRevision, ProposalStatus.Archived, ProposalRelation.Reviewer, Merge),
        new(ProposalStatus.Draft, ProposalStatus.Archived, ProposalRelation.Author, Join),
    ];

    public static Transition? FindMerge(ProposalStatus from, ProposalRelation who, string action) =>
        Merges.FirstOrDefault(t => t.From == from && t.Action == action && (who & t.By) != 0);

    /// <summary>The transition a caller related as <paramref name="who"/> may make to <paramref name="to"/>.</summary>
    public static Transition? Find(ProposalStatus from, ProposalStatus to, ProposalRelation who) =>
        Transitions.FirstOrDefault(t => t.From == from && t.To == to && (who & t.By) != 0);

    public static IEnumerable<Transition> Available(ProposalStatus from, ProposalRelation who) =>
        Transitions.Where(t => t.From == from && (who & t.By) != 0).DistinctBy(t => t.To);
}
