namespace IdeaHub.Web.Proposals;

/// <summary>Kinds of proposal events pushed to users and stored as notifications. The contract lives with Proposals; the
/// Realtime feature implements <see cref="IProposalEvents"/>.</summary>
public static class ProposalEventKinds
{
    public const string ReviewAdded = "review.added";
    public const string CommentAdded = "comment.added";
    public const string RevisionRequested = "revision.requested";
    public const string StatusChanged = "status.changed";
    public const string VoteTotalsChanged = "vote.totals";
    public const string DuplicateFlagged = "duplicate.flagged";
}

/// <summary>Something that happened to a proposal that its author, followers and reviewers should hear about.</summary>
/// <param name="Payload">Small JSON-serialisable object; never the whole proposal.</param>
public sealed record ProposalEvent(Guid PemkabId, Guid ProposalId, string Kind, Guid? ActorId, object Payload);

/// <summary>
/// The one way features announce proposal events. The realtime feature stores each as notifications (so nothing
/// is missed offline) and pushes it over SignalR after the caller's changes are committed.
/// </summary>
public interface IProposalEvents
{
    Task PublishAsync(ProposalEvent e, CancellationToken ct = default);
}
