using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace IdeaHub.Web.Reviews;

/// <summary>Rubric reviews: one per reviewer per proposal, editable while the proposal is under review.</summary>
public static class ReviewsApi
{
    public sealed record ScoreInput(Guid CriterionId, int Score);
    public sealed record ReviewRequest(List<ScoreInput>? Scores, string? Recommendation, string? Comment);
    public sealed record ReviewDto(Guid Id, Guid ReviewerId, string ReviewerName, string Recommendation, string Comment,
        IReadOnlyList<ScoreInput> Scores, decimal WeightedScore, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
    public sealed record CriterionDto(Guid Id, string Code, string Name, string NameEn, string Description, decimal Weight);

    public const int MaxCommentLength = 4000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/rubric", Rubric).WithSummary("Active rubric criteria of the caller's Pemkab, in order.");
        api.MapGet("/proposals/{id:guid}/reviews", List);
        api.MapPut("/proposals/{id:guid}/review", Save).RequireAuthorization(Policies.Reviewing)
            .WithSummary("Create or replace the caller's review of a proposal (idempotent).");
    }

    private static async Task<Ok<List<CriterionDto>>> Rubric(IdeaHubDb db) =>
        TypedResults.Ok(await db.Set<RubricCriterion>().Where(c => c.IsActive).OrderBy(c => c.Position)
            .Select(c => new CriterionDto(c.Id, c.Code, c.Name, c.NameEn, c.Description, c.Weight)).ToListAsync());

    private static async Task<Results<Ok<List<ReviewDto>>, NotFound>> List(Guid id, Caller me, ProposalReader proposals, IdeaHubDb db)
    {
        if (await proposals.FindVisibleAsync(id, me) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await LoadAsync(db, id));
    }

    internal static async Task<List<ReviewDto>> LoadAsync(IdeaHubDb db, Guid proposalId)
    {
        var weights = await db.Set<RubricCriterion>().ToDictionaryAsync(c => c.Id, c => c.Weight);
        var rows = await db.Set<Review>().AsNoTracking().Include(r => r.Scores).Where(r => r.ProposalId == proposalId)
            .Join(db.Users, r => r.ReviewerId, u => u.Id, (r, u) => new { r, u.FullName })
            .OrderBy(x => x.r.CreatedAt).ToListAsync();
        return rows.Select(x => new ReviewDto(x.r.Id, x.r.ReviewerId, x.FullName, x.r.Recommendation.ToString(), x.r.Comment,
            x.r.Scores.Select(s => new ScoreInput(s.CriterionId, s.Score)).ToList(), Weighted(x.r.Scores, weights),
            x.r.CreatedAt, x.r.UpdatedAt)).ToList();
    }

    public static decimal Weighted(IEnumerable<ReviewScore> scores, IReadOnlyDictionary<Guid, decimal> weights)
    {
        var scored = scores.Where(s => weights.ContainsKey(s.CriterionId)).ToList();
        var total = scored.Sum(s => weights[s.CriterionId]);
        return total == 0 ? 0 : Math.Round(scored.Sum(s => s.Score * weights[s.CriterionId]) / total, 2);
    }

    private static async Task<Results<Ok<ReviewDto>, NotFound, ValidationProblem, ProblemHttpResult>> Save(
        Guid id, ReviewRequest request, Caller me, ProposalReader proposals, IdeaHubDb db, IProposalEvents events,
        IStringLocalizer<ReviewsText> l)
    {
        var proposal = await proposals.FindVisibleAsync(id, me);
        if (proposal is null) return TypedResults.NotFound();
        if (!ProposalAccess.CanReview(proposal, me))
            return TypedResults.Problem(l["Review.Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        if (!ProposalAccess.IsOpenForReview(proposal.Status))
            return TypedResults.Problem(l["Review.NotOpen"], statusCode: StatusCodes.Status409Conflict);

        var criteria = await db.Set<RubricCriterion>().Where(c => c.IsActive).ToListAsync();
        var errors = Validate(request, criteria, l, out var recommendation);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: l["Validation.Title"]);

        bool created;
        try { created = await UpsertAsync(db, proposal, me, request, recommendation); }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A double click raced us to the insert: the other request's row exists now, so this one becomes an update.
            db.ChangeTracker.Clear();
            created = await UpsertAsync(db, proposal, me, request, recommendation);
        }
        var dto = (await LoadAsync(db, id)).Single(r => r.ReviewerId == me.Id);
        await events.PublishAsync(new ProposalEvent(proposal.PemkabId, id, ProposalEventKinds.ReviewAdded, me.Id,
            new { reviewId = dto.Id, reviewer = dto.ReviewerName, dto.Recommendation, dto.WeightedScore, dto.Comment, updated = !created, title = proposal.Title }));
        return TypedResults.Ok(dto);
    }

    private static async Task<bool> UpsertAsync(IdeaHubDb db, Proposal proposal, Caller me, ReviewRequest request, Recommendation recommendation)
    {
        var review = await db.Set<Review>().Include(r => r.Scores).SingleOrDefaultAsync(r => r.ProposalId == proposal.Id && r.ReviewerId == me.Id);
        var created = review is null;
        if (review is null)
        {
            review = new Review { PemkabId = proposal.PemkabId, ProposalId = proposal.Id, ReviewerId = me.Id, ReviewerOpdId = me.OpdId };
            db.Add(review);
        }
        review.Recommendation = recommendation;
        review.Comment = request.Comment?.Trim() ?? "";
        review.UpdatedAt = DateTimeOffset.UtcNow;
        review.Scores.RemoveAll(s => request.Scores!.All(i => i.CriterionId != s.CriterionId));
        foreach (var input in request.Scores!)
        {
            var score = review.Scores.Find(s => s.CriterionId == input.CriterionId);
            if (score is null) review.Scores.Add(score = new ReviewScore { ReviewId = review.Id, CriterionId = input.CriterionId });
            score.Score = input.Score;
        }
        db.AddAudit(proposal.PemkabId, me.Id, created ? "review.created" : "review.updated", proposal.Id,
            new { recommendation = recommendation.ToString(), scores = request.Scores });
        await db.SaveChangesAsync();
        return created;
    }

    private static Dictionary<string, string[]> Validate(ReviewRequest r, List<RubricCriterion> criteria, IStringLocalizer<ReviewsText> l,
        out Recommendation recommendation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse(r.Recommendation, ignoreCase: true, out recommendation) || !Enum.IsDefined(recommendation))
            errors["recommendation"] = [l["Review.RecommendationRequired"]];
        var scores = r.Scores ?? [];
        var known = criteria.Select(c => c.Id).ToHashSet();
        if (scores.Any(s => !known.Contains(s.CriterionId)) || scores.Select(s => s.CriterionId).Distinct().Count() != scores.Count)
            errors["scores"] = [l["Review.UnknownCriterion"]];
        else if (known.Any(k => scores.All(s => s.CriterionId != k)))
            errors["scores"] = [l["Review.AllCriteria"]];
        else if (scores.Any(s => s.Score is < 1 or > 5))
            errors["scores"] = [l["Review.ScoreRange"]];
        if ((r.Comment?.Length ?? 0) > MaxCommentLength) errors["comment"] = [l["Validation.TooLong", MaxCommentLength]];
        return errors;
    }
}
