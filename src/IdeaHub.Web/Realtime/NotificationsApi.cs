using IdeaHub.Web.Data;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Realtime;

/// <summary>The same catch-up and bell operations as the hub, for clients that poll or just reconnected over HTTP.</summary>
public static class NotificationsApi
{
    public sealed record UnreadCount(int Unread);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Notifications");
        api.MapGet("/notifications", List).WithSummary("Own notifications after an id (oldest first), or the latest ones without it.");
        api.MapGet("/notifications/unread-count", Unread);
        api.MapPost("/notifications/{id:long}/read", (long id, Caller me, NotificationReader r) => MarkRead(me, r, id));
        api.MapPost("/notifications/read-all", (Caller me, NotificationReader r) => MarkRead(me, r, null));
        api.MapPut("/proposals/{id:guid}/follow", Follow);
        api.MapDelete("/proposals/{id:guid}/follow", Unfollow);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<FeedbackEvent>>> List(long? after, int? limit, Caller me, NotificationReader reader) =>
        TypedResults.Ok(after is long a ? await reader.AfterAsync(me, a, limit ?? 100) : await reader.LatestAsync(me, limit ?? 20));

    private static async Task<Ok<UnreadCount>> Unread(Caller me, NotificationReader reader) =>
        TypedResults.Ok(new UnreadCount(await reader.UnreadCountAsync(me)));

    private static async Task<Ok<UnreadCount>> MarkRead(Caller me, NotificationReader reader, long? id) =>
        TypedResults.Ok(new UnreadCount(await reader.MarkReadAsync(me, id)));

    private static async Task<Results<NoContent, NotFound>> Follow(Guid id, Caller me, ProposalReader proposals, IdeaHubDb db)
    {
        if (await proposals.FindVisibleAsync(id, me) is not { } proposal || !ProposalAccess.CanFollow(proposal, me))
            return TypedResults.NotFound();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO proposal_follow (user_id, proposal_id, pemkab_id) VALUES ({me.Id}, {id}, {proposal.PemkabId})
            ON CONFLICT DO NOTHING
            """);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Unfollow(Guid id, Caller me, IdeaHubDb db)
    {
        await db.Set<ProposalFollow>().Where(f => f.UserId == me.Id && f.ProposalId == id).ExecuteDeleteAsync();
        return TypedResults.NoContent();
    }
}
