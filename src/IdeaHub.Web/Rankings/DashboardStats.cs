using System.Data.Common;
using System.Text.Json;
using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IdeaHub.Web.Rankings;

/// <summary>
/// Dashboard figures. Closed months are read from their frozen JSON; open months are counted live from the
/// month's proposals (indexed by Pemkab and creation time) and the ranking aggregates, and kept in
/// <see cref="LiveMonthCache"/> until the next write that changes them.
/// </summary>
public sealed class DashboardStats(IdeaHubDb db, LiveMonthCache cache)
{
    private const string CohortColumns = """
        count(*)::int,
        count(*) FILTER (WHERE p.submitted_at IS NOT NULL)::int,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM review r WHERE r.proposal_id = p.id))::int,
        count(*) FILTER (WHERE p.status IN ('ApprovedForTrial', 'Implemented'))::int,
        count(*) FILTER (WHERE p.status = 'Implemented')::int
        """;

    public async Task<MonthStats> ForMonthAsync(Guid pemkabId, MonthKey month, TimeZoneInfo zone, CancellationToken ct = default)
    {
        var closed = await db.Set<MonthClose>().AsNoTracking().Where(c => c.Month == month.ToString()).Select(c => c.Stats).SingleOrDefaultAsync(ct);
        if (closed is not null) return JsonSerializer.Deserialize<MonthStats>(closed, RankingService.Json)!;
        var version = await LiveMonthCache.VersionAsync(db, pemkabId, ct);
        return await cache.GetAsync(new StatsKey(pemkabId, month, zone.Id), version,
            () => LiveAsync(pemkabId, month, zone, ct), s => s.Opds.Count + s.ByUrusan.Count + s.ByKind.Count, ct);
    }

    private sealed record StatsKey(Guid PemkabId, MonthKey Month, string Zone);

    private sealed record TrendKey(Guid PemkabId, MonthKey Last, string Zone);

    internal async Task<MonthStats> LiveAsync(Guid pemkabId, MonthKey month, TimeZoneInfo zone, CancellationToken ct)
    {
        var rows = new List<CohortRow>();
        await QueryAsync($"""
            SELECT p.opd_id, p.urusan, p.kind, {CohortColumns}
            FROM proposal p
            WHERE p.pemkab_id = @pemkab AND p.created_at >= @from AND p.created_at < @to AND p.merged_into_id IS NULL
            GROUP BY p.opd_id, p.urusan, p.kind
            """, [new("pemkab", pemkabId), new("from", month.StartIn(zone)), new("to", month.AddMonths(1).StartIn(zone))],
            r => rows.Add(new CohortRow(r.GetGuid(0), r.GetString(1), r.GetString(2), ReadFunnel(r, 3))), ct);

        var opds = await db.Opds.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.Name).ToListAsync(ct);
        var byOpd = rows.GroupBy(r => r.Opd).ToDictionary(g => g.Key, g => Sum(g.Select(x => x.F)));
        var participation = opds.Select(o =>
        {
            var f = byOpd.GetValueOrDefault(o.Id) ?? new Funnel(0, 0, 0, 0, 0);
            return new OpdParticipation(o.Id, o.Code, o.Name, f.Drafted, f.Submitted, f.Reviewed, f.Approved, f.Implemented);
        }).ToList();
        return new MonthStats(participation, CountBy(rows, r => r.Urusan), CountBy(rows, r => r.Kind));
    }

    /// <summary>The 12 months ending with <paramref name="last"/>, oldest first.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(Guid pemkabId, MonthKey last, TimeZoneInfo zone, CancellationToken ct = default)
    {
        var version = await LiveMonthCache.VersionAsync(db, pemkabId, ct);
        return await cache.GetAsync(new TrendKey(pemkabId, last, zone.Id), version, () => ComputeTrendAsync(pemkabId, last, zone, ct), t => t.Count, ct);
    }

    private async Task<IReadOnlyList<TrendPoint>> ComputeTrendAsync(Guid pemkabId, MonthKey last, TimeZoneInfo zone, CancellationToken ct)
    {
        var months = Enumerable.Range(0, 12).Select(i => last.AddMonths(i - 11)).ToList();
        var keys = months.Select(m => m.ToString()).ToList();
        var closed = await db.Set<MonthClose>().AsNoTracking().Where(c => keys.Contains(c.Month)).ToDictionaryAsync(c => c.Month, ct);
        var open = months.Where(m => !closed.ContainsKey(m.ToString())).ToList();

        var live = new Dictionary<string, Funnel>();
        var scores = new Dictionary<string, (int Ranked, double? Mean)>();
        if (open.Count > 0)
        {
            await QueryAsync($"""
                SELECT ranking_month(p.created_at, @tz), {CohortColumns}
                FROM proposal p
                WHERE p.pemkab_id = @pemkab AND p.created_at >= @from AND p.created_at < @to AND p.merged_into_id IS NULL
                  AND ranking_month(p.created_at, @tz) = ANY(@months)
                GROUP BY 1
                """, [new("pemkab", pemkabId), new("tz", zone.Id), new("from", open[0].StartIn(zone)),
                    new("to", open[^1].AddMonths(1).StartIn(zone)), new("months", open.Select(m => m.ToString()).ToArray())],
                r => live[r.GetString(0)] = ReadFunnel(r, 1), ct);
            await QueryAsync("""
                SELECT month, count(*) FILTER (WHERE review_count > 0)::int, sum(score_sum) / nullif(sum(review_count), 0)
                FROM ranking_aggregate WHERE pemkab_id = @pemkab AND month = ANY(@months) GROUP BY month
                """, [new("pemkab", pemkabId), new("months", open.Select(m => m.ToString()).ToArray())],
                r => scores[r.GetString(0)] = (r.GetInt32(1), r.IsDBNull(2) ? null : r.GetDouble(2)), ct);
        }

        return months.Select(m =>
        {
            var key = m.ToString();
            if (closed.TryGetValue(key, out var c))
                return new TrendPoint(key, JsonSerializer.Deserialize<MonthStats>(c.Stats, RankingService.Json)!.Funnel, c.RankedCount, c.MonthMean);
            var s = scores.GetValueOrDefault(key);
            return new TrendPoint(key, live.GetValueOrDefault(key) ?? new Funnel(0, 0, 0, 0, 0), s.Ranked, s.Mean);
        }).ToList();
    }

    private static Funnel ReadFunnel(DbDataReader r, int at) =>
        new(r.GetInt32(at), r.GetInt32(at + 1), r.GetInt32(at + 2), r.GetInt32(at + 3), r.GetInt32(at + 4));

    private static Funnel Sum(IEnumerable<Funnel> fs) => fs.Aggregate(new Funnel(0, 0, 0, 0, 0), (a, f) =>
        new Funnel(a.Drafted + f.Drafted, a.Submitted + f.Submitted, a.Reviewed + f.Reviewed, a.Approved + f.Approved, a.Implemented + f.Implemented));

    private static List<CountBy> CountBy(IEnumerable<CohortRow> rows, Func<CohortRow, string> label) =>
        rows.GroupBy(label).Select(g => new CountBy(g.Key, g.Sum(x => x.F.Drafted)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal).ToList();

    private sealed record CohortRow(Guid Opd, string Urusan, string Kind, Funnel F);

    private async Task QueryAsync(string sql, NpgsqlParameter[] args, Action<DbDataReader> row, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddRange(args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) row(r);
    }
}
