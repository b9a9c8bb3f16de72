using IdeaHub.Web.Organisation;
using IdeaHub.Web.Outcomes;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Catalogue;

public static class CatalogueApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/catalogue", Search).WithTags("Catalogue")
            .WithSummary("Innovations the caller may see (and other Pemkabs' public ones), newest first: q (Indonesian full text), "
                + "opd, urusan, stage, status, year, outcome, after (cursor from 'next'), limit 1..100.");

    private static async Task<Results<Ok<CataloguePage>, ValidationProblem>> Search(string? q, Guid? opd, string? urusan, string? stage,
        string? status, int? year, string? outcome, string? after, int? limit, Caller me, CatalogueService catalogue,
        IStringLocalizer<OutcomesText> l, CancellationToken ct)
    {
        var (query, errors) = Parse(q, opd, urusan, stage, status, year, outcome, after, limit, l);
        if (query is null) return TypedResults.ValidationProblem(errors, title: l["Validation.Title"]);
        return TypedResults.Ok(await catalogue.SearchAsync(query, me, ct));
    }

    /// <summary>Shared by the API and the page: the query, or field errors in the UI language.</summary>
    public static (CatalogueQuery? Query, Dictionary<string, string[]> Errors) Parse(string? q, Guid? opd, string? urusan, string? stage,
        string? status, int? year, string? outcome, string? after, int? limit, IStringLocalizer<OutcomesText> l)
    {
        var errors = new Dictionary<string, string[]>();
        if (q?.Length > CatalogueQuery.MaxQueryLength) errors["q"] = [l["Catalogue.QueryTooLong", CatalogueQuery.MaxQueryLength]];
        if (urusan?.Length > 100) errors["urusan"] = [l["Catalogue.Unknown"]];
        InnovationStage? st = null; ProposalStatus? ss = null; OutcomeState? os = null;
        if (!string.IsNullOrEmpty(stage)) { if (Enum.TryParse<InnovationStage>(stage, out var v) && Enum.IsDefined(v)) st = v; else errors["stage"] = [l["Catalogue.Unknown"]]; }
        if (!string.IsNullOrEmpty(status)) { if (Enum.TryParse<ProposalStatus>(status, out var v) && Enum.IsDefined(v)) ss = v; else errors["status"] = [l["Catalogue.Unknown"]]; }
        if (!string.IsNullOrEmpty(outcome)) { if (Enum.TryParse<OutcomeState>(outcome, out var v) && Enum.IsDefined(v)) os = v; else errors["outcome"] = [l["Catalogue.Unknown"]]; }
        if (year is < 2000 or > 2999) errors["year"] = [l["Catalogue.Year"]];
        if (limit is < 1 or > CatalogueQuery.MaxLimit) errors["limit"] = [l["Catalogue.Limit", CatalogueQuery.MaxLimit]];
        CatalogueCursor? cursor = null;
        if (!string.IsNullOrEmpty(after)) { if (CatalogueCursor.TryParse(after, out var c)) cursor = c; else errors["after"] = [l["Catalogue.Cursor"]]; }
        if (errors.Count > 0) return (null, errors);
        return (new CatalogueQuery(string.IsNullOrWhiteSpace(q) ? null : q.Trim(), opd, string.IsNullOrWhiteSpace(urusan) ? null : urusan,
            st, ss, year, os, cursor, limit ?? 20), errors);
    }
}
