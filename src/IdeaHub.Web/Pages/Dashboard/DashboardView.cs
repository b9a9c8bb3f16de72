using System.Text.Json;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Rankings;

namespace IdeaHub.Web.Pages.Dashboard;

public enum MonthState { Open, Ended, Closed }

/// <summary>Everything the dashboard and the printable report show for one month.</summary>
public sealed record DashboardView(
    MonthKey Month, MonthState State, RankingPage Ranking, MonthStats Stats, IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<MonthKey> MonthOptions, TimeZoneInfo Zone)
{
    /// <summary>The month shown: the requested one unless it is missing or in the future, else the current month in the regency's clock.</summary>
    public static async Task<(MonthKey Month, MonthKey Current, TimeZoneInfo Zone)> ResolveMonthAsync(IServiceProvider services, MonthKey? requested, CancellationToken ct)
    {
        var pemkab = services.GetRequiredService<Caller>().PemkabId!.Value;
        var zone = await services.GetRequiredService<MonthStatus>().ZoneAsync(pemkab, ct);
        var current = MonthKey.Of(services.GetRequiredService<TimeProvider>().GetUtcNow(), zone);
        return (requested is { } r && r <= current ? r : current, current, zone);
    }

    public static async Task<DashboardView> LoadAsync(IServiceProvider services, MonthKey? requested, CancellationToken ct)
    {
        var stats = services.GetRequiredService<DashboardStats>();
        var pemkab = services.GetRequiredService<Caller>().PemkabId!.Value;
        var (month, current, zone) = await ResolveMonthAsync(services, requested, ct);

        var ranking = await services.GetRequiredService<RankingService>().GetAsync(month, 0, 10, ct);
        var state = ranking.Closed ? MonthState.Closed : month < current ? MonthState.Ended : MonthState.Open;
        var options = Enumerable.Range(0, 24).Select(i => current.AddMonths(-i)).ToList();
        return new DashboardView(month, state, ranking, await stats.ForMonthAsync(pemkab, month, zone, ct),
            await stats.TrendAsync(pemkab, month, zone, ct), options, zone);
    }

    /// <summary>"2026-01" as people read it: "Jan 2026".</summary>
    public static string ShortMonth(string key) =>
        MonthKey.TryParse(key, out var m) ? m.Short(System.Globalization.CultureInfo.CurrentCulture) : key;

    /// <summary>Chart data for dashboard.js, serialised with HTML-safe escaping for a script element.</summary>
    public string ChartJson(Func<string, string> label) => JsonSerializer.Serialize(new
    {
        funnel = new
        {
            labels = new[] { label("Dash.Drafted"), label("Dash.Submitted"), label("Dash.Reviewed"), label("Dash.Approved"), label("Dash.Implemented") },
            values = new[] { Stats.Funnel.Drafted, Stats.Funnel.Submitted, Stats.Funnel.Reviewed, Stats.Funnel.Approved, Stats.Funnel.Implemented },
        },
        trend = new
        {
            labels = Trend.Select(t => ShortMonth(t.Month)).ToArray(),
            series = new[]
            {
                new { label = label("Dash.Drafted"), values = Trend.Select(t => (double?)t.Funnel.Drafted).ToArray() },
                new { label = label("Dash.Submitted"), values = Trend.Select(t => (double?)t.Funnel.Submitted).ToArray() },
                new { label = label("Dash.Reviewed"), values = Trend.Select(t => (double?)t.Funnel.Reviewed).ToArray() },
                new { label = label("Dash.Approved"), values = Trend.Select(t => (double?)t.Funnel.Approved).ToArray() },
            },
            score = new { label = label("Dash.MeanScore"), values = Trend.Select(t => t.MeanScore is double d ? Math.Round(d, 2) : (double?)null).ToArray() },
        },
        urusan = new { labels = Stats.ByUrusan.Select(c => c.Label).ToArray(), values = Stats.ByUrusan.Select(c => c.Count).ToArray() },
        kind = new { labels = Stats.ByKind.Select(c => label("Kind." + c.Label)).ToArray(), values = Stats.ByKind.Select(c => c.Count).ToArray() },
    });
}
