using Microsoft.AspNetCore.SignalR;

namespace IdeaHub.Web.Realtime;

/// <summary>The transport that delivers already-stored events; swappable so the benchmark can measure a bare WebSocket floor.</summary>
public interface IFeedbackPush
{
    Task ToUserAsync(Guid userId, FeedbackEvent e);
    Task ToGroupsAsync(IReadOnlyList<string> groups, FeedbackEvent e);
}

internal sealed class SignalRFeedbackPush(IHubContext<FeedbackHub, IFeedbackClient> hub) : IFeedbackPush
{
    public Task ToUserAsync(Guid userId, FeedbackEvent e) => hub.Clients.User(userId.ToString()).Notification(e);

    public Task ToGroupsAsync(IReadOnlyList<string> groups, FeedbackEvent e) =>
        groups.Count == 0 ? Task.CompletedTask : hub.Clients.Groups(groups).ProposalEvent(e);
}

/// <summary>Group names. Only the server puts connections in them, from the database; clients cannot name a group.</summary>
public static class FeedbackGroups
{
    public static string Proposal(Guid proposalId) => $"proposal:{proposalId}";
    public static string Reviewers(Guid pemkabId) => $"reviewers:{pemkabId}";
    public static string Leadership(Guid pemkabId) => $"leadership:{pemkabId}";
}
