using IdeaHub.Web.Organisation;
using IdeaHub.Web.Outcomes;
using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Catalogue;

/// <summary>The national-index export of the caller's Pemkab for a year: Tim Inovasi, leadership and admins.</summary>
public static class NationalIndexApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/export/national-index").WithTags("Catalogue").RequireAuthorization(RankingPolicies.Readers);
        g.MapGet("/{year:int}.xlsx", Xlsx).WithSummary("Innovation profiles, indicators, realisations and the evidence list of a year (XLSX).");
        g.MapGet("/{year:int}.zip", Zip).WithSummary("The XLSX plus every evidence file (ZIP).");
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Xlsx(int year, Caller me, NationalIndexExport export,
        IStringLocalizer<OutcomesText> l, CancellationToken ct)
    {
        if (year is < 2000 or > 2999) return Invalid(l);
        var data = await export.LoadAsync(me, year, ct);
        return TypedResults.File(export.Xlsx(data), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"indeks-inovasi-{year}.xlsx");
    }

    private static async Task<IResult> Zip(int year, HttpContext http, Caller me, NationalIndexExport export, IStringLocalizer<OutcomesText> l,
        CancellationToken ct)
    {
        if (year is < 2000 or > 2999) return Invalid(l);
        var data = await export.LoadAsync(me, year, ct);
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"indeks-inovasi-{year}.zip\"";
        await export.ZipAsync(data, year, http.Response.Body, ct);
        return TypedResults.Empty;
    }

    private static ValidationProblem Invalid(IStringLocalizer<OutcomesText> l) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [l["Catalogue.Year"]] }, title: l["Validation.Title"]);
}
