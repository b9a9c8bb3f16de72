using IdeaHub.Web.Data;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
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
        api.MapPost("/notifications/{id:long}/read", (long id, HttpContext ctx, NotificationReader r) => MarkRead(ctx, r, id));
        api.MapPost("/notifications/read-all", (HttpContext ctx, NotificationReader r) => MarkRead(ctx, r, null));
        api.MapPut("/proposals/{id:guid}/follow", Follow);
        api.MapDelete("/proposals/{id:guid}/follow", Unfollow);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<FeedbackEvent>>, UnauthorizedHttpResult>> List(
        long? after, int? limit, HttpContext ctx, NotificationReader reader)
    {
        if (Viewer.From(ctx.User) is not { } me) return TypedResults.Unauthorized();
        return TypedResults.Ok(after is long a ? await reader.AfterAsync(me, a, limit ?? 100) : await reader.LatestAsync(me, limit ?? 20));
    }

    private static async Task<Results<Ok<UnreadCount>, UnauthorizedHttpResult>> Unread(HttpContext ctx, NotificationReader reader) =>
        Viewer.From(ctx.User) is { } me ? TypedResults.Ok(new UnreadCount(await reader.UnreadCountAsync(me))) : TypedResults.Unauthorized();

    private static async Task<Results<Ok<UnreadCount>, UnauthorizedHttpResult>> MarkRead(HttpContext ctx, NotificationReader reader, long? id) =>
        Viewer.From(ctx.User) is { } me ? TypedResults.Ok(new UnreadCount(await reader.MarkReadAsync(me, id))) : TypedResults.Unauthorized();

    private static async Task<Results<NoContent, NotFound>> Follow(Guid id, HttpContext ctx, IdeaHubDb db)
    {
        var me = Viewer.From(ctx.User);
        var proposal = await db.Set<Proposal>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (me is null || proposal is null || !ProposalAccess.CanSee(proposal, me)) return TypedResults.NotFound();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO proposal_follow (user_id, proposal_id, pemkab_id) VALUES ({me.Id}, {id}, {me.PemkabId})
            ON CONFLICT DO NOTHING
            """);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Unfollow(Guid id, HttpContext ctx, IdeaHubDb db)
    {
        if (Viewer.From(ctx.User) is { } me)
            await db.Set<ProposalFollow>().Where(f => f.UserId == me.Id && f.ProposalId == id).ExecuteDeleteAsync();
        return TypedResults.NoContent();
    }
}
