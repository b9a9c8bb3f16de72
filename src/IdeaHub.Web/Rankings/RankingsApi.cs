using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Rankings;

/// <summary>
/// GET /api/rankings/{yyyy-MM}: the month's ranking (Bupati, Admin and Tim Inovasi may read it: reviewers use it
/// to see where their reviews led). Exports and the dashboard feed likewise; closing a month is the admin's.
/// </summary>
public static class RankingsApi
{
    public sealed record Paging(int? Offset, int? Limit);
    /// <summary>No month ranks a million proposals; bounds offset + limit far from int overflow.</summary>
    public const int MaxOffset = 1_000_000;

    public sealed record DashboardData(RankingPage Ranking, MonthStats Stats, Funnel Funnel, IReadOnlyList<TrendPoint> Trend);

    public static IEndpointRouteBuilder MapRankingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rankings").WithTags("Rankings").RequireAuthorization(RankingPolicies.Readers);
        api.MapGet("/{month}", GetRanking).WithSummary("The month's ranked proposals with scores and explanation (offset 0..1,000,000, limit 1..500).");
        api.MapGet("/{month}/dashboard", GetDashboard).WithSummary("Top 10, OPD participation, funnel, breakdowns and the 12-month trend.");
        api.MapGet("/{month}/export.csv", ExportCsv).WithSummary("The month's full ranking as CSV (UTF-8, comma, invariant numbers, codes); format=excel: the reader's language, ';' and locale numbers.");
        api.MapGet("/{month}/export.xlsx", ExportXlsx).WithSummary("The month's report as an Excel workbook.");
        api.MapPost("/{month}/close", Close).RequireAuthorization(Policies.Admin)
            .WithSummary("Freezes an ended month's ranking; later reviews and votes no longer change it.");
        return app;
    }

    private static async Task<Results<Ok<RankingPage>, ValidationProblem>> GetRanking(
        string month, [AsParameters] Paging paging, RankingService rankings, IStringLocalizer<RankingsText> l, CancellationToken ct)
    {
        if (!MonthKey.TryParse(month, out var key)) return MonthProblem(l);
        var (offset, limit) = (paging.Offset ?? 0, paging.Limit ?? 100);
        if (offset is < 0 or > MaxOffset || limit is < 1 or > 500)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [l["Paging.Invalid"]] }, title: l["Validation.Title"]);
        return TypedResults.Ok(await rankings.GetAsync(key, offset, limit, ct));
    }

    private static async Task<Results<Ok<DashboardData>, ValidationProblem>> GetDashboard(
        string month, Caller me, RankingService rankings, DashboardStats stats, MonthStatus status,
        IStringLocalizer<RankingsText> l, CancellationToken ct)
    {
        if (!MonthKey.TryParse(month, out var key)) return MonthProblem(l);
        var pemkab = me.PemkabId!.Value;
        var zone = await status.ZoneAsync(pemkab, ct);
        var ranking = await rankings.GetAsync(key, 0, 10, ct);
        var figures = await stats.ForMonthAsync(pemkab, key, zone, ct);
        return TypedResults.Ok(new DashboardData(ranking, figures, figures.Funnel, await stats.TrendAsync(pemkab, key, zone, ct)));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportCsv(
        string month, string? format, RankingService rankings, IStringLocalizer<RankingsText> l, CancellationToken ct)
    {
        if (!MonthKey.TryParse(month, out var key)) return MonthProblem(l);
        var page = await rankings.GetAsync(key, 0, int.MaxValue, ct);
        var bytes = format == "excel" ? RankingExports.SpreadsheetCsv(page, k => l[k]) : RankingExports.Csv(page);
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"peringkat-inovasi-{key}.csv");
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportXlsx(
        string month, Caller me, RankingService rankings, DashboardStats stats, MonthStatus status,
        IStringLocalizer<RankingsText> l, CancellationToken ct)
    {
        if (!MonthKey.TryParse(month, out var key)) return MonthProblem(l);
        var pemkab = me.PemkabId!.Value;
        var page = await rankings.GetAsync(key, 0, int.MaxValue, ct);
        var figures = await stats.ForMonthAsync(pemkab, key, await status.ZoneAsync(pemkab, ct), ct);
        return TypedResults.File(RankingExports.Xlsx(page, figures),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"laporan-inovasi-{key}.xlsx");
    }

    private static async Task<Results<Ok<RankingPage>, ValidationProblem, ProblemHttpResult>> Close(
        string month, Caller me, MonthCloser closer, RankingService rankings, IStringLocalizer<RankingsText> l, CancellationToken ct)
    {
        if (!MonthKey.TryParse(month, out var key)) return MonthProblem(l);
        return await closer.CloseAsync(me.PemkabId!.Value, key, me.Id, ct) switch
        {
            CloseOutcome.NotEnded => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = [l["Month.NotEnded"]] }, title: l["Validation.Title"]),
            CloseOutcome.AlreadyClosed => TypedResults.Problem(l["Month.AlreadyClosed"], statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Ok(await rankings.GetAsync(key, 0, 10, ct)),
        };
    }

    private static ValidationProblem MonthProblem(IStringLocalizer<RankingsText> l) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = [l["Month.Invalid"]] }, title: l["Validation.Title"]);
}
