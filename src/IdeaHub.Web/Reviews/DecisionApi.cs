using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Reviews;

/// <summary>
/// A reviewer's decision on a proposal under review: request revision, approve for trial, or reject. The caller sends
/// the version they looked at; if someone else changed the proposal since, the answer is a 409 saying so.
/// Until the proposals feature's transition service is on main, the allowed moves are the review ones only.
/// </summary>
public static class DecisionApi
{
    public sealed record DecisionRequest(string? Action, uint? Version, string? Note);
    public sealed record DecisionResult(string Status, uint Version);

    private static readonly Dictionary<string, ProposalStatus> Targets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["revise"] = ProposalStatus.NeedsRevision,
        ["approve"] = ProposalStatus.ApprovedForTrial,
        ["reject"] = ProposalStatus.Rejected,
    };

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/proposals/{id:guid}/decision", Decide).RequireAuthorization(Policies.Reviewer)
            .WithSummary("Request revision, approve or reject, with optimistic concurrency on the proposal's version.");

    private static async Task<Results<Ok<DecisionResult>, NotFound, ValidationProblem, ProblemHttpResult>> Decide(
        Guid id, DecisionRequest request, HttpContext ctx, IdeaHubDb db, IProposalEvents events, IStringLocalizer<ReviewsText> l)
    {
        var proposal = await db.Set<Proposal>().SingleOrDefaultAsync(p => p.Id == id);
        if (proposal is null || Viewer.From(ctx.User) is not { } me || !ProposalAccess.CanSee(proposal, me)) return TypedResults.NotFound();
        if (!ProposalAccess.CanDecide(proposal, me))
            return TypedResults.Problem(l["Decision.Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        var errors = new Dictionary<string, string[]>();
        var target = ProposalStatus.Draft;
        if (request.Action is null || !Targets.TryGetValue(request.Action, out target)) errors["action"] = [l["Decision.Action"]];
        if (request.Version is null) errors["version"] = [l["Decision.Version"]];
        if ((request.Note?.Length ?? 0) > ReviewsApi.MaxCommentLength) errors["note"] = [l["Validation.TooLong", ReviewsApi.MaxCommentLength]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: l["Validation.Title"]);

        var from = proposal.Status;
        if (proposal.Version != request.Version || !ProposalAccess.IsOpenForReview(from)) return Conflict(l, from);
        db.Entry(proposal).Property(p => p.Version).OriginalValue = request.Version!.Value;
        proposal.Status = target;
        proposal.UpdatedAt = DateTimeOffset.UtcNow;
        db.AddAudit(proposal.PemkabId, me.Id, "proposal.status", id, new { from = from.ToString(), to = target.ToString(), note = request.Note });
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException)
        {
            var now = await db.Set<Proposal>().AsNoTracking().Where(p => p.Id == id).Select(p => p.Status).SingleAsync();
            return Conflict(l, now);
        }
        var payload = new { from = from.ToString(), to = target.ToString(), note = request.Note ?? "" };
        if (target == ProposalStatus.NeedsRevision)
            await events.PublishAsync(new ProposalEvent(proposal.PemkabId, id, ProposalEventKinds.RevisionRequested, me.Id, payload));
        await events.PublishAsync(new ProposalEvent(proposal.PemkabId, id, ProposalEventKinds.StatusChanged, me.Id, payload));
        return TypedResults.Ok(new DecisionResult(target.ToString(), proposal.Version));
    }

    private static ProblemHttpResult Conflict(IStringLocalizer<ReviewsText> l, ProposalStatus now) =>
        TypedResults.Problem(l["Decision.Conflict", l[$"Status.{now}"]], title: l["Decision.ConflictTitle"],
            statusCode: StatusCodes.Status409Conflict);
}
