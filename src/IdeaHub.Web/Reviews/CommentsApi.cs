using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Reviews;

/// <summary>Threaded discussion on a submitted proposal between its author, Kepala OPD and reviewers.</summary>
public static class CommentsApi
{
    public sealed record CommentRequest(string? Body, Guid? ParentId);
    public sealed record CommentDto(Guid Id, Guid? ParentId, Guid AuthorId, string AuthorName, string Body, DateTimeOffset CreatedAt);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/proposals/{id:guid}/comments", List).WithSummary("Comments oldest first; ParentId links replies.");
        api.MapPost("/proposals/{id:guid}/comments", Add);
    }

    private static async Task<Results<Ok<List<CommentDto>>, NotFound>> List(Guid id, Caller me, ProposalReader proposals, IdeaHubDb db)
    {
        var proposal = await proposals.FindVisibleAsync(id, me);
        if (proposal is null) return TypedResults.NotFound();
        return TypedResults.Ok(await LoadAsync(db, id));
    }

    internal static Task<List<CommentDto>> LoadAsync(IdeaHubDb db, Guid proposalId) =>
        db.Set<Comment>().AsNoTracking().Where(c => c.ProposalId == proposalId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new CommentDto(c.Id, c.ParentId, c.AuthorId, u.FullName, c.Body, c.CreatedAt))
            .ToListAsync();

    private static async Task<Results<Created<CommentDto>, NotFound, ValidationProblem, ProblemHttpResult>> Add(
        Guid id, CommentRequest request, Caller me, ProposalReader proposals, IdeaHubDb db, IProposalEvents events,
        IStringLocalizer<ReviewsText> l)
    {
        var proposal = await proposals.FindVisibleAsync(id, me);
        if (proposal is null) return TypedResults.NotFound();
        if (!ProposalAccess.CanComment(proposal, me))
            return TypedResults.Problem(l["Comment.Forbidden"], statusCode: StatusCodes.Status403Forbidden);

        var body = request.Body?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (body.Length == 0) errors["body"] = [l["Comment.Required"]];
        else if (body.Length > ReviewsApi.MaxCommentLength) errors["body"] = [l["Validation.TooLong", ReviewsApi.MaxCommentLength]];
        if (request.ParentId is Guid parent && !await db.Set<Comment>().AnyAsync(c => c.Id == parent && c.ProposalId == id))
            errors["parentId"] = [l["Comment.ParentUnknown"]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: l["Validation.Title"]);

        var comment = new Comment { PemkabId = proposal.PemkabId, ProposalId = id, ParentId = request.ParentId, AuthorId = me.Id, Body = body };
        db.Add(comment);
        db.AddAudit(proposal.PemkabId, me.Id, "comment.added", id, new { commentId = comment.Id, parentId = comment.ParentId });
        await db.SaveChangesAsync();
        var author = await db.Users.Where(u => u.Id == me.Id).Select(u => u.FullName).SingleAsync();
        var dto = new CommentDto(comment.Id, comment.ParentId, me.Id, author, body, comment.CreatedAt);
        await events.PublishAsync(new ProposalEvent(proposal.PemkabId, id, ProposalEventKinds.CommentAdded, me.Id,
            new { commentId = dto.Id, dto.ParentId, dto.AuthorName, dto.Body, dto.CreatedAt, title = proposal.Title }));
        return TypedResults.Created($"/api/proposals/{id}/comments#{dto.Id}", dto);
    }
}
