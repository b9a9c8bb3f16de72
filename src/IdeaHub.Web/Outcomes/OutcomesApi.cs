using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Outcomes;

/// <summary>Indicator realisations of a running innovation: read by whoever sees the proposal, reported by its team.</summary>
public static class OutcomesApi
{
    public sealed record ReportRequest(List<ReportValue>? Values);
    public sealed record ReportValue(Guid IndicatorId, decimal Value, string? Note);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/proposals/{id:guid}/outcomes").WithTags("Outcomes");
        g.MapGet("", Get).WithSummary("Each indicator's baseline, target, realised values per month, state and late months.");
        g.MapPut("/{period}", Report)
            .WithSummary("Record (or replace) the realised values of one month (yyyy-MM) for some indicators; the team only.");
    }

    private static async Task<Results<Ok<ProposalOutcomes>, NotFound>> Get(Guid id, Caller me, ProposalReader proposals,
        OutcomeService outcomes, CancellationToken ct)
    {
        var p = await proposals.FindVisibleWithContentAsync(id, me, ct);
        return p is null ? TypedResults.NotFound() : TypedResults.Ok(await outcomes.LoadAsync(p, me, ct));
    }

    private static async Task<Results<Ok<ProposalOutcomes>, NotFound, ValidationProblem, ProblemHttpResult>> Report(
        Guid id, string period, ReportRequest request, Caller me, ProposalReader proposals, OutcomeService outcomes,
        IStringLocalizer<OutcomesText> l, CancellationToken ct)
    {
        var p = await proposals.FindVisibleWithContentAsync(id, me, ct);
        if (p is null) return TypedResults.NotFound();
        if (!ProposalAccess.CanReportOutcome(p, me))
            return TypedResults.Problem(l["Report.Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        if (!MonthKey.TryParse(period, out var month))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [l["Report.Period"]] }, title: l["Validation.Title"]);
        var entries = (request.Values ?? []).Select(v => new RealisationEntry(v.IndicatorId, v.Value, v.Note)).ToList();
        var errors = outcomes.Validate(p, month, entries);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { l[e.Value].Value }), title: l["Validation.Title"]);
        await outcomes.ReportAsync(p, me, month, entries, ct);
        return TypedResults.Ok(await outcomes.LoadAsync(p, me, ct));
    }
}
