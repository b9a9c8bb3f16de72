using System.Text.Json;

namespace IdeaHub.Web.Realtime;

/// <summary>What the server calls on a connected browser or API client of <see cref="FeedbackHub"/>.</summary>
public interface IFeedbackClient
{
    /// <summary>A stored notification for this user (has an <see cref="FeedbackEvent.Id"/> to resume from).</summary>
    Task Notification(FeedbackEvent e);

    /// <summary>A live event for a group the server put this connection in (a watched proposal, the reviewers, leadership).</summary>
    Task ProposalEvent(FeedbackEvent e);
}

/// <param name="Id">Notification id; null for live-only group events.</param>
/// <param name="EventId">The same for every copy of one event: clients drop duplicates by it.</param>
/// <param name="At">When the change was committed (the publisher runs right after commit).</param>
public sealed record FeedbackEvent(
    long? Id, Guid EventId, Guid ProposalId, string Kind, Guid? ActorId, JsonElement Payload, DateTimeOffset At, DateTimeOffset? ReadAt)
{
    public static FeedbackEvent From(Notification n) =>
        new(n.Id, n.EventId, n.ProposalId, n.Kind, n.ActorId, JsonDocument.Parse(n.Payload).RootElement, n.CreatedAt, n.ReadAt);
}
