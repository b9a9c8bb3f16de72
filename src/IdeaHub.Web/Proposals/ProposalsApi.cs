using IdeaHub.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Proposals;

/// <summary>JSON API over proposals: the same service and lifecycle rules as the pages.</summary>
public static class ProposalsApi
{
    public static RouteGroupBuilder MapProposalsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/proposals").WithTags("Proposals");
        g.MapGet("/", List);
        g.MapGet("/{id:guid}", Get);
        g.MapPost("/", Create);
        g.MapPut("/{id:guid}", Update);
        g.MapDelete("/{id:guid}", Delete);
        g.MapPost("/{id:guid}/transitions", Transition);
        g.MapGet("/{id:guid}/revisions", Revisions);
        g.MapGet("/{id:guid}/revisions/{number:int}", Revision);
        g.MapGet("/{id:guid}/diff", Diff);
        g.MapGet("/{id:guid}/timeline", Timeline);
        return g;
    }

    private static async Task<Ok<List<ProposalSummary>>> List(ProposalService svc, Organisation.Caller me, bool? mine, CancellationToken ct)
    {
        var q = svc.Visible();
        if (mine == true) q = q.Where(ProposalAccess.InTeamOf(me));
        var list = await q.OrderByDescending(p => p.UpdatedAt).Take(500)
            .Select(p => new ProposalSummary(p.Id, p.Title, p.Status.ToString(), p.OpdId, p.AuthorId, p.RevisionNumber, p.UpdatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<ProposalDto>, NotFound>> Get(Guid id, ProposalService svc, CancellationToken ct)
    {
        var (p, rel) = await svc.FindAsync(id, ct);
        return p is null ? TypedResults.NotFound() : TypedResults.Ok(svc.Dto(p));
    }

    private static async Task<Results<Created<ProposalDto>, ValidationProblem, ProblemHttpResult>> Create(
        ProposalInput input, ProposalService svc, IStringLocalizer<ProposalsText> t, CancellationToken ct)
    {
        var (snapshot, errors) = input.Validate(t);
        if (snapshot is null) return TypedResults.ValidationProblem(errors, title: t["Validation.Title"]);
        var result = await svc.CreateAsync(snapshot, RevisionSource.Manual, ct);
        if (result.Outcome != Outcome.Ok) return Forbidden(t);
        return TypedResults.Created($"/api/proposals/{result.Proposal!.Id}", svc.Dto(result.Proposal));
    }

    private static async Task<Results<Ok<ProposalDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ProposalInput input, ProposalService svc, IStringLocalizer<ProposalsText> t, Localizer l, CancellationToken ct)
    {
        var (snapshot, errors) = input.Validate(t);
        var source = input.Source?.ToLowerInvariant() switch
        {
            null or "" or "manual" => RevisionSource.Manual,
            "autosave" => RevisionSource.Autosave,
            _ => (RevisionSource?)null,
        };
        if (source is null) errors["source"] = [t["Validation.UnknownValue", "manual, autosave"]];
        if (input.Version is null) errors["version"] = [t["Validation.VersionRequired"]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: t["Validation.Title"]);
        var (p, _) = await svc.FindAsync(id, ct);
        if (p is null) return TypedResults.NotFound();
        var result = await svc.SaveAsync(p, snapshot!, input.Version!.Value, source!.Value, ct);
        return result.Outcome switch
        {
            Outcome.Ok => TypedResults.Ok(svc.Dto(p)),
            Outcome.Conflict => Conflict(l, await svc.ConflictAsync(id, snapshot!, ct)),
            _ => Forbidden(t),
        };
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Delete(
        Guid id, uint? version, ProposalService svc, IStringLocalizer<ProposalsText> t, Localizer l, CancellationToken ct)
    {
        if (version is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [t["Validation.VersionRequired"]] }, title: t["Validation.Title"]);
        var (p, _) = await svc.FindAsync(id, ct);
        if (p is null) return TypedResults.NotFound();
        var result = await svc.DeleteAsync(p, version.Value, ct);
        return result.Outcome switch
        {
            Outcome.Ok => TypedResults.NoContent(),
            Outcome.Conflict => Conflict(l),
            _ => Forbidden(t),
        };
    }

    private static async Task<Results<Ok<ProposalDto>, NotFound, ValidationProblem, ProblemHttpResult>> Transition(
        Guid id, TransitionRequest request, ProposalService svc, IStringLocalizer<ProposalsText> t, Localizer l, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<ProposalStatus>(request.To, true, out var to) || !Enum.IsDefined(to) || int.TryParse(request.To, out _))
            errors["to"] = [t["Validation.UnknownValue", string.Join(", ", Enum.GetNames<ProposalStatus>())]];
        if (request.Version is null) errors["version"] = [t["Validation.VersionRequired"]];
        if (request.Note is { Length: > 2000 }) errors["note"] = [t["Validation.TooLong", 2000]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: t["Validation.Title"]);
        var (p, _) = await svc.FindAsync(id, ct);
        if (p is null) return TypedResults.NotFound();
        var result = await svc.TransitionAsync(p, to, request.Version!.Value, request.Note, ct);
        return result.Outcome switch
        {
            Outcome.Ok => TypedResults.Ok(svc.Dto(p)),
            Outcome.Conflict => Conflict(l),
            Outcome.Invalid => TypedResults.ValidationProblem(result.Errors!,
                title: result.Errors!.ContainsKey("note") ? t["Transition.Invalid"] : t["Submit.NotReady"]),
            _ => Forbidden(t),
        };
    }

    private static async Task<Results<Ok<List<RevisionSummary>>, NotFound>> Revisions(Guid id, ProposalService svc, CancellationToken ct)
    {
        var (p, _) = await svc.FindAsync(id, ct);
        if (p is null) return TypedResults.NotFound();
        var list = await svc.RevisionsAsync(id, ct);
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<RevisionDto>, NotFound>> Revision(Guid id, int number, ProposalService svc, CancellationToken ct)
    {
        var (p, _) = await svc.FindAsync(id, ct);
        if (p is null) return TypedResults.NotFound();
        var r = await svc.RevisionAsync(id, number, ct);
        return r is null ? TypedResults.NotFound()
            : TypedResults.Ok(new RevisionDto(r.Number, r.AuthorId, r.At, r.Source.ToString(), ProposalSnapshot.Parse(r.Snapshot)));
    }

    private static async Task<Results<Ok<RevisionDiff>, NotFound>> Diff(Guid id, int from, int to, ProposalService svc, CancellationToken ct)
    {
        var (p, _) = await svc.FindAsync(id, ct);
        if (p is null) return TypedResults.NotFound();
        var diff = await svc.DiffAsync(id, from, to, ct);
        return diff is null ? TypedResults.NotFound() : TypedResults.Ok(diff);
    }

    private static async Task<Results<Ok<List<TimelineEntry>>, NotFound>> Timeline(Guid id, ProposalService svc, CancellationToken ct)
    {
        var (p, _) = await svc.FindAsync(id, ct);
        return p is null ? TypedResults.NotFound() : TypedResults.Ok(await svc.TimelineAsync(id, ct));
    }

    internal static ProblemHttpResult Forbidden(IStringLocalizer<ProposalsText> t) =>
        TypedResults.Problem(t["Error.Forbidden"], statusCode: StatusCodes.Status403Forbidden);

    internal static ProblemHttpResult Conflict(Localizer l, EditConflict? state = null) =>
        TypedResults.Problem(l["Error.Conflict"], statusCode: StatusCodes.Status409Conflict, extensions: state is null ? null
            : new Dictionary<string, object?>
            {
                ["currentVersion"] = state.CurrentVersion, ["currentRevision"] = state.CurrentRevision,
                ["updatedAt"] = state.UpdatedAt, ["changedFields"] = state.ChangedFields,
            });
}
