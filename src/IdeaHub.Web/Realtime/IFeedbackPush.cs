using Microsoft.AspNetCore.SignalR;

namespace IdeaHub.Web.Realtime;

/// <summary>The transport that delivers already-stored events; swappable so the benchmark can measure a bare WebSocket floor.</summary>
public interface IFeedbackPush
{
    Task ToUserAsync(Guid userId, FeedbackEvent e);
    Task ToGroupsAsync(IReadOnlyList<string> groups, FeedbackEvent e);
    Task ToConnectionsAsync(IReadOnlyList<string> connectionIds, FeedbackEvent e);
}

/// <summary>
/// Pushes over the feedback hub. A user's connections are found through the per-user group the hub puts them in at
/// connect time: a dictionary lookup, where <c>Clients.User</c> scans every open connection of the server once per
/// recipient (seven scans of 2,000 connections for one review in the benchmark).
/// </summary>
public sealed class SignalRFeedbackPush(IHubContext<FeedbackHub, IFeedbackClient> hub) : IFeedbackPush
{
    public Task ToUserAsync(Guid userId, FeedbackEvent e) => hub.Clients.Group(FeedbackGroups.User(userId)).Notification(e);

    public Task ToGroupsAsync(IReadOnlyList<string> groups, FeedbackEvent e) =>
        groups.Count == 0 ? Task.CompletedTask : hub.Clients.Groups(groups).ProposalEvent(e);

    public Task ToConnectionsAsync(IReadOnlyList<string> connectionIds, FeedbackEvent e) =>
        connectionIds.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(connectionIds).ProposalEvent(e);
}

/// <summary>Group names. Only the server puts connections in them, from the database; clients cannot name a group.</summary>
public static class FeedbackGroups
{
    /// <summary>Every connection of one user (several tabs or devices); joined only in <see cref="FeedbackHub.OnConnectedAsync"/>.</summary>
    public static string User(Guid userId) => $"user:{userId}";
    public static string Reviewers(Guid pemkabId) => $"reviewers:{pemkabId}";
    public static string Leadership(Guid pemkabId) => $"leadership:{pemkabId}";
}
