using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IdeaHub.Web.Duplicates;

public static class DuplicatesAdminApi
{
    public sealed record EmbeddersView(string Active, IReadOnlyList<EmbedderState> Embedders, IReadOnlyList<string> Available);

    public static void MapDuplicatesAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/embedders").WithTags("Duplicates").RequireAuthorization(Policies.Operator);
        admin.MapGet("", Status).WithSummary("Embedders, which one search uses, and backfill progress.");
        admin.MapPost("/{id}/backfill", Backfill).WithSummary("Start re-embedding every proposal with this embedder; search switches when it completes.");
    }

    private static async Task<Ok<EmbeddersView>> Status(EmbedderCatalog catalog, CancellationToken ct)
    {
        var active = await catalog.ActiveAsync(ct);
        return TypedResults.Ok(new EmbeddersView(active.Id, await catalog.StatesAsync(ct), [.. catalog.Available.Select(e => e.Id)]));
    }

    private static async Task<Results<Accepted, NotFound>> Backfill(string id, EmbedderCatalog catalog, CancellationToken ct)
    {
        if (catalog.Find(id) is not { } embedder) return TypedResults.NotFound();
        if ((await catalog.ActiveAsync(ct)).Id != id) await catalog.StartBackfillAsync(embedder, ct);
        return TypedResults.Accepted("/api/admin/embedders");
    }
}
