using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Duplicates;

public static class DuplicatesApi
{
    public sealed record SimilarRequest(string? Text, string? Title, Guid? ExcludeId, int? K);
    public sealed record LinkRequest(Guid OtherId, string? Note);

    public static RouteGroupBuilder MapDuplicatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Duplicates");
        api.MapGet("/proposals/{id:guid}/similar", SimilarToProposal)
            .WithSummary("Likely duplicates in the caller's Pemkab and replication prior art from other Pemkabs, with scores, signals and shared terms.");
        api.MapPost("/similar", SimilarToText).WithSummary("The same for unsaved text (while drafting).");
        api.MapGet("/proposals/{id:guid}/similar/{otherId:guid}/verdict", Verdict)
            .WithSummary("The local chat model's verdict (cached): same mechanism for the same problem? 404 when no chat model is configured.");
        api.MapGet("/proposals/{id:guid}/links", Links);
        api.MapPost("/proposals/{id:guid}/related", Related).WithSummary("Link two proposals as related (both ways). Tim Inovasi, Admin, or the Kepala OPD of either.");
        api.MapPost("/proposals/{id:guid}/merge", Merge).WithSummary("Merge this proposal (InReview or NeedsRevision) into a live OtherId as its duplicate (Tim Inovasi, not on their own work); votes and comments move.");
        api.MapPost("/proposals/{id:guid}/join", Join).WithSummary("The author joins a live OtherId they may open instead of submitting this draft.");
        api.MapPost("/proposals/{id:guid}/distinct", Distinct).WithSummary("The author confirms this draft differs from OtherId.");
        return api;
    }

    internal static SimilarityCaller SimilarityCallerOf(Caller me) => new(me.PemkabId!.Value, me.OpdId);

    private static async Task<Results<Ok<SimilarResult>, NotFound, ValidationProblem>> SimilarToProposal(Guid id, int? k,
        ProposalReader proposals, Caller me, SimilarityScorer scorer, SimilarReader reader, DuplicateJudge judge,
        IStringLocalizer<DuplicatesText> l, CancellationToken ct)
    {
        if (k is < 1 or > 50) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["k"] = [l["K.Range"]] }, title: l["Validation.Title"]);
        if (await proposals.FindVisibleAsync(id, me, ct) is not { } p) return TypedResults.NotFound();
        var text = DuplicateIndex.ComposeText(p.Title, p.Problem, p.Design, p.Goals);
        var result = await scorer.FindAsync(SimilarityCallerOf(me), new SimilarityQuery(p.Title, text, p.Id, k ?? 10, TextIsStored: true,
            DuplicateIndex.ContentHash(p.Title, p.Problem, p.Design, p.Goals)), ct);
        return TypedResults.Ok(await reader.ForAsync(result with { Judge = judge.IsEnabled }, me, ct));
    }

    /// <summary>Only for two proposals the caller may open: the model reads both texts and its reason quotes them.</summary>
    private static async Task<Results<Ok<DuplicateVerdict>, NotFound>> Verdict(Guid id, Guid otherId, ProposalReader proposals, Caller me,
        DuplicateJudge judge, CancellationToken ct)
    {
        if (!judge.IsEnabled || id == otherId) return TypedResults.NotFound();
        if (await proposals.FindVisibleAsync(id, me, ct) is null || await proposals.FindVisibleAsync(otherId, me, ct) is null)
            return TypedResults.NotFound();
        return TypedResults.Ok(await judge.JudgeAsync(id, otherId, ct));
    }

    private static async Task<Results<Ok<SimilarResult>, ValidationProblem>> SimilarToText(SimilarRequest request,
        Caller me, SimilarityScorer scorer, SimilarReader reader, IStringLocalizer<DuplicatesText> l, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var text = request.Text?.Trim() ?? "";
        if (text.Length < 10) errors["text"] = [l["Text.TooShort"]];
        else if (text.Length > 20_000) errors["text"] = [l["Text.TooLong"]];
        if (request.K is < 1 or > 50) errors["k"] = [l["K.Range"]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: l["Validation.Title"]);
        var title = string.IsNullOrWhiteSpace(request.Title) ? text.Split('\n', 2)[0] : request.Title.Trim();
        if (title.Length > 300) title = title[..300];
        var result = await scorer.FindAsync(SimilarityCallerOf(me), new SimilarityQuery(title, text, request.ExcludeId, request.K ?? 10), ct);
        return TypedResults.Ok(await reader.ForAsync(result, me, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<ProposalLinkView>>, NotFound>> Links(Guid id, DuplicateLinks links, CancellationToken ct) =>
        await links.LinksAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Related(Guid id, LinkRequest body,
        DuplicateLinks links, IStringLocalizer<DuplicatesText> l, CancellationToken ct) =>
        Run(() => links.LinkRelatedAsync(id, body.OtherId, body.Note ?? "", ct), l);

    private static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Merge(Guid id, LinkRequest body,
        DuplicateLinks links, IStringLocalizer<DuplicatesText> l, CancellationToken ct) =>
        Run(() => links.MergeAsync(id, body.OtherId, body.Note ?? "", ct), l);

    private static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Join(Guid id, LinkRequest body,
        DuplicateLinks links, IStringLocalizer<DuplicatesText> l, CancellationToken ct) =>
        Run(() => links.JoinAsync(id, body.OtherId, ct), l);

    private static Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Distinct(Guid id, LinkRequest body,
        DuplicateLinks links, IStringLocalizer<DuplicatesText> l, CancellationToken ct) =>
        Run(() => links.MarkDistinctAsync(id, body.OtherId, body.Note ?? "", ct), l);

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult, ValidationProblem>> Run(Func<Task<LinkOutcome>> action,
        IStringLocalizer<DuplicatesText> l)
    {
        try
        {
            return await action() switch
            {
                LinkOutcome.Done => TypedResults.NoContent(),
                LinkOutcome.NotFound => TypedResults.NotFound(),
                LinkOutcome.Forbidden => TypedResults.Problem(l["Link.Forbidden"], statusCode: StatusCodes.Status403Forbidden),
                _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["otherId"] = [l["Link.Invalid"]] }, title: l["Validation.Title"]),
            };
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(l["Link.Conflict"], statusCode: StatusCodes.Status409Conflict);
        }
    }
}
