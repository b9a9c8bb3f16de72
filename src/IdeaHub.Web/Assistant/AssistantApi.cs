using System.Text.Json;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Platform;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Assistant;

/// <summary>Checks, rough-idea drafts, run history and accepting or rejecting suggestions. Model output streams over the hub.</summary>
public static class AssistantApi
{
    public static IEndpointRouteBuilder MapAssistantApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/proposals/{id:guid}/checks", Checks).WithTags("Assistant");
        app.MapGet("/api/proposals/{id:guid}/assistant/runs", Runs).WithTags("Assistant");
        app.MapPost("/api/proposals/from-idea", FromIdea).WithTags("Assistant");
        app.MapPost("/api/assistant/suggestions/{id:guid}/accept", Accept).WithTags("Assistant");
        app.MapPost("/api/assistant/suggestions/{id:guid}/reject", Reject).WithTags("Assistant");
        return app;
    }

    private static async Task<Results<Ok<List<CheckDto>>, NotFound>> Checks(Guid id, ProposalService svc, IStringLocalizer<AssistantText> t, CancellationToken ct)
    {
        var (p, _) = await svc.FindAsync(id, ct);
        if (p is null) return TypedResults.NotFound();
        var findings = ProposalChecks.Run(ProposalSnapshot.From(p), DateOnly.FromDateTime(DateTime.UtcNow));
        return TypedResults.Ok(findings.Select(f => CheckText.Describe(f, t)).ToList());
    }

    private static async Task<Results<Ok<List<RunDto>>, NotFound, ProblemHttpResult>> Runs(Guid id, ProposalService svc, IdeaHubDb db,
        Caller me, IStringLocalizer<ProposalsText> pt, CancellationToken ct)
    {
        var (p, _) = await svc.FindAsync(id, ct);
        if (p is null) return TypedResults.NotFound();
        if (!ProposalAccess.CanReadAssistantRuns(p, me)) return ProposalsApi.Forbidden(pt);
        var runs = await db.Set<AssistantRun>().Where(r => r.ProposalId == id).OrderByDescending(r => r.StartedAt).Take(20).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var suggestions = (await db.Set<AssistantSuggestion>().Where(s => ids.Contains(s.RunId)).OrderBy(s => s.Position).ToListAsync(ct))
            .ToLookup(s => s.RunId);
        return TypedResults.Ok(runs.Select(r => new RunDto(r.Id, r.PromptName, r.PromptVersion, r.ModelId, r.Status, r.TokensIn, r.TokensOut,
            r.DurationMs, r.StartedAt, suggestions[r.Id].Select(SuggestionDto.From).ToList())).ToList());
    }

    /// <summary>Saves the idea as a draft first (nothing is lost whatever the model does); the skeleton is streamed next.</summary>
    private static async Task<Results<Created<ProposalDto>, ValidationProblem, ProblemHttpResult>> FromIdea(
        IdeaRequest request, ProposalService svc, IStringLocalizer<ProposalsText> pt, IStringLocalizer<AssistantText> t, CancellationToken ct)
    {
        var idea = request.Idea?.Trim() ?? "";
        if (idea.Length is < 20 or > 2000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["idea"] = [t["Idea.Length", 20, 2000]] }, title: pt["Validation.Title"]);
        var title = idea.Split(['.', '\n'], 2)[0].Trim();
        if (title.Length > 120) title = title[..120].TrimEnd() + "…";
        var result = await svc.CreateAsync(ProposalSnapshot.Empty with { Title = title, Problem = idea }, RevisionSource.Manual, ct);
        if (result.Outcome != Outcome.Ok) return ProposalsApi.Forbidden(pt);
        return TypedResults.Created($"/api/proposals/{result.Proposal!.Id}", svc.Dto(result.Proposal));
    }

    private static async Task<Results<Ok<ProposalDto>, NotFound, ValidationProblem, ProblemHttpResult>> Accept(
        Guid id, AcceptRequest request, ProposalService svc, IdeaHubDb db, Caller me, IStringLocalizer<ProposalsText> pt,
        IStringLocalizer<AssistantText> t, Localizer l, CancellationToken ct)
    {
        var (s, p) = await Load(id, svc, db, ct);
        if (s is null || p is null) return TypedResults.NotFound();
        if (request.Version is null) return Invalid("version", pt["Validation.VersionRequired"], pt);
        if (s.State != SuggestionState.Pending) return Invalid("state", t["Suggestion.AlreadyDecided"], pt);
        var current = ProposalSnapshot.From(p);
        ProposalSnapshot next;
        if (s.Kind == "indicator")
        {
            if (current.Indicators.Count >= ProposalInput.MaxIndicators) return Invalid("indicators", pt["Validation.TooManyIndicators", ProposalInput.MaxIndicators], pt);
            next = current with { Indicators = [.. current.Indicators, JsonSerializer.Deserialize<IndicatorData>(s.Indicator!, ProposalSnapshot.Json)!] };
        }
        else
        {
            var max = s.Field == "title" ? ProposalInput.MaxTitle : ProposalInput.MaxText;
            next = current.WithText(s.Field, s.Suggestion.Length > max ? s.Suggestion[..max] : s.Suggestion);
        }
        var result = await svc.SaveAsync(p, next, request.Version.Value, RevisionSource.Assistant, ct);
        if (result.Outcome == Outcome.Conflict) return ProposalsApi.Conflict(l);
        if (result.Outcome != Outcome.Ok) return ProposalsApi.Forbidden(pt);
        return TypedResults.Ok(await Decide(svc, db, s, p, me, SuggestionState.Accepted, ct));
    }

    private static async Task<Results<Ok<ProposalDto>, NotFound, ValidationProblem, ProblemHttpResult>> Reject(
        Guid id, ProposalService svc, IdeaHubDb db, Caller me, IStringLocalizer<ProposalsText> pt, IStringLocalizer<AssistantText> t,
        CancellationToken ct)
    {
        var (s, p) = await Load(id, svc, db, ct);
        if (s is null || p is null) return TypedResults.NotFound();
        if (s.State != SuggestionState.Pending) return Invalid("state", t["Suggestion.AlreadyDecided"], pt);
        if (!ProposalAccess.CanEdit(p, me)) return ProposalsApi.Forbidden(pt);
        return TypedResults.Ok(await Decide(svc, db, s, p, me, SuggestionState.Rejected, ct));
    }

    private static async Task<ProposalDto> Decide(ProposalService svc, IdeaHubDb db, AssistantSuggestion s, Proposal p, Caller me, string state, CancellationToken ct)
    {
        s.State = state;
        s.DecidedAt = DateTimeOffset.UtcNow;
        s.DecidedBy = me.Id;
        if (state == SuggestionState.Accepted) s.AppliedRevision = p.RevisionNumber;
        db.AddAudit(p.PemkabId, me.Id, $"assistant.suggestion.{state}", p.Id, new { suggestion = s.Id, field = s.Field });
        await db.SaveChangesAsync(ct);
        return svc.Dto(p);
    }

    /// <summary>A suggestion is only ever visible to the team (author and co-authors) of its proposal.</summary>
    private static async Task<(AssistantSuggestion?, Proposal?)> Load(Guid id, ProposalService svc, IdeaHubDb db, CancellationToken ct)
    {
        var s = await db.Set<AssistantSuggestion>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return (null, null);
        var (p, rel) = await svc.FindAsync(s.ProposalId, ct);
        return p is not null && (rel & ProposalAccess.Team) != 0 ? (s, p) : (null, null);
    }

    private static ValidationProblem Invalid(string key, string message, IStringLocalizer<ProposalsText> pt) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [key] = [message] }, title: pt["Validation.Title"]);
}
