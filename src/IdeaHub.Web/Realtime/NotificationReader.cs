using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Realtime;

/// <summary>
/// A user's own notifications: catch-up, unread count, mark as read. Always scoped to the caller, and only about
/// proposals the caller may see now (<see cref="ProposalAccess"/>): a notification stored while they could is not
/// delivered after they no longer can.
/// </summary>
public sealed class NotificationReader(IdeaHubDb db, ProposalReader proposals)
{
    private IQueryable<Notification> Mine(Caller me)
    {
        var visible = proposals.Visible(me).Select(p => p.Id);
        return db.Set<Notification>().AsNoTracking()
            .Where(n => n.UserId == me.Id && n.PemkabId == me.PemkabId && visible.Contains(n.ProposalId));
    }

    public async Task<IReadOnlyList<FeedbackEvent>> AfterAsync(Caller me, long afterId, int limit)
    {
        var rows = await Mine(me).Where(n => n.Id > afterId)
            .OrderBy(n => n.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync();
        return rows.Select(FeedbackEvent.From).ToList();
    }

    public async Task<IReadOnlyList<FeedbackEvent>> LatestAsync(Caller me, int limit)
    {
        var rows = await Mine(me).OrderByDescending(n => n.Id).Take(Math.Clamp(limit, 1, 100)).ToListAsync();
        return rows.Select(FeedbackEvent.From).ToList();
    }

    public Task<int> UnreadCountAsync(Caller me) =>
        Mine(me).CountAsync(n => n.ReadAt == null);

    /// <summary>Marks one (or, with null, all) of the caller's notifications read; returns the new unread count.</summary>
    public async Task<int> MarkReadAsync(Caller me, long? id)
    {
        await db.Set<Notification>()
            .Where(n => n.UserId == me.Id && n.PemkabId == me.PemkabId && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTimeOffset.UtcNow));
        return await UnreadCountAsync(me);
    }
}
