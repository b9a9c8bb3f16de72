using IdeaHub.Web.Platform;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace IdeaHub.Web.Realtime;

/// <summary>
/// The one feedback hub. A connection hears its user's notifications (through its user's group) and the groups the
/// server puts it in from the database at connect time: reviewers of its Pemkab, leadership, and proposals it is
/// allowed to watch. No method takes a user or group name, and every method works only on the caller's own data.
/// </summary>
[Authorize]
public sealed class FeedbackHub(IdeaHubDb db, TenantContext tenant, NotificationReader notifications, ProposalReader proposals,
    ProposalWatchers watchers)
    : Hub<IFeedbackClient>
{
    private const string ViewerKey = "viewer";
    private const string WatchingKey = "watching";

    public override async Task OnConnectedAsync()
    {
        var viewer = Guid.TryParse(Context.UserIdentifier, out var id) ? await Caller.LoadAsync(db, id) : null;
        if (viewer?.PemkabId is not Guid pemkab || Caller.From(Context.User).PemkabId != pemkab)
        {
            Context.Abort();
            return;
        }
        Context.Items[ViewerKey] = viewer;
        await Groups.AddToGroupAsync(Context.ConnectionId, FeedbackGroups.User(viewer.Id));
        if (viewer.IsInRole(Roles.Reviewer))
            await Groups.AddToGroupAsync(Context.ConnectionId, FeedbackGroups.Reviewers(pemkab));
        if (viewer.IsInRole(Roles.Bupati))
            await Groups.AddToGroupAsync(Context.ConnectionId, FeedbackGroups.Leadership(pemkab));
        await base.OnConnectedAsync();
    }

    /// <summary>Everything stored for the caller after <paramref name="lastId"/>, oldest first (at most 500 per call).</summary>
    public Task<IReadOnlyList<FeedbackEvent>> GetMissedSince(long lastId) => notifications.AfterAsync(Me(), lastId, 500);

    public Task<int> GetUnreadCount() => notifications.UnreadCountAsync(Me());

    /// <summary>Marks one of the caller's notifications read; returns the new unread count.</summary>
    public Task<int> MarkRead(long id) => notifications.MarkReadAsync(Me(), id);

    public Task<int> MarkAllRead() => notifications.MarkReadAsync(Me(), null);

    /// <summary>Live events of one proposal while its page is open, while the caller may see that proposal.</summary>
    public async Task WatchProposal(Guid proposalId)
    {
        var me = Me();
        if (await proposals.FindVisibleAsync(proposalId, me) is null) throw new HubException("Usulan tidak ditemukan.");
        Watching().Add(proposalId);
        watchers.Watch(proposalId, Context.ConnectionId, me);
    }

    public Task UnwatchProposal(Guid proposalId)
    {
        Watching().Remove(proposalId);
        watchers.Unwatch(proposalId, Context.ConnectionId);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(WatchingKey, out var set))
            foreach (var id in (HashSet<Guid>)set!) watchers.Unwatch(id, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private HashSet<Guid> Watching()
    {
        if (!Context.Items.TryGetValue(WatchingKey, out var set)) Context.Items[WatchingKey] = set = new HashSet<Guid>();
        return (HashSet<Guid>)set!;
    }

    private Caller Me()
    {
        var viewer = (Caller)Context.Items[ViewerKey]!;
        tenant.Use(viewer.PemkabId!.Value);
        return viewer;
    }
}
