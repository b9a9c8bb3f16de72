using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Reviews;

public static class ReviewsExtensions
{
    public static IServiceCollection AddReviews(this IServiceCollection services) => services.AddScoped<ReviewTransfer>();

    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Reviews");
        ReviewsApi.Map(api);
        CommentsApi.Map(api);
        VotesApi.Map(api);
        api.MapGet("/admin/rubric", AllCriteria).RequireAuthorization(Policies.Admin);
        api.MapPut("/admin/rubric", SaveRubric).RequireAuthorization(Policies.Admin)
            .WithSummary("Replace the order, names, weights and active flags of the rubric; new criteria have no id.");
        return app;
    }

    private static async Task<Ok<List<RubricCriterion>>> AllCriteria(IdeaHubDb db) =>
        TypedResults.Ok(await db.Set<RubricCriterion>().OrderBy(c => c.Position).ToListAsync());

    private static async Task<Results<NoContent, ValidationProblem>> SaveRubric(
        List<RubricEditor.CriterionInput> criteria, Caller me, IdeaHubDb db, IStringLocalizer<ReviewsText> l)
    {
        var errors = await RubricEditor.SaveAsync(db, me.PemkabId!.Value, me.Id, criteria, l);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: l["Validation.Title"]) : TypedResults.NoContent();
    }
}
