using IdeaHub.Web.Rankings;
using Npgsql;

namespace IdeaHub.Bench.Rankings;

/// <summary>The same answers computed from raw rows each time: the peer the pre-aggregated path is compared with.</summary>
internal static class NaiveQueries
{
    public static async Task<int> RankingAsync(NpgsqlConnection conn, Guid pemkab, MonthKey month, TimeZoneInfo zone)
    {
        var sql = $"""
            SELECT a.proposal_id, p.title, p.submitted_at, a.n, a.total, a.support, a.votes
            FROM ({AggregateRebuild.FromRawRows}) AS a(pemkab_id, month, proposal_id, n, total, support, votes)
            JOIN proposal p ON p.id = a.proposal_id
            WHERE a.n > 0 AND p.merged_into_id IS NULL
            """;
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        AggregateRebuild.AddFilters(cmd, pemkab, month.ToString(), month.StartIn(zone), month.AddMonths(1).StartIn(zone));
        var tallies = new List<ProposalTally>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                tallies.Add(new ProposalTally(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2),
                    r.GetInt32(3), r.GetDouble(4), r.GetInt32(5), r.GetInt32(6)));
        return RankingMath.Rank(tallies).Items.Count;
    }

    public static async Task<int> TwelveMonthStatsAsync(NpgsqlConnection conn, Guid pemkab, MonthKey last, TimeZoneInfo zone)
    {
        const string sql = """
            SELECT ranking_month(p.created_at, 'Asia/Jakarta'), p.opd_id, p.urusan, p.kind, count(*),
                   count(*) FILTER (WHERE p.submitted_at IS NOT NULL),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM review r WHERE r.proposal_id = p.id)),
                   count(*) FILTER (WHERE p.status IN ('ApprovedForTrial', 'Implemented')),
                   count(*) FILTER (WHERE p.status = 'Implemented')
            FROM proposal p
            WHERE p.pemkab_id = @pemkab AND p.created_at >= @from AND p.created_at < @to AND p.merged_into_id IS NULL
            GROUP BY 1, 2, 3, 4
            """;
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("pemkab", pemkab);
        cmd.Parameters.AddWithValue("from", last.AddMonths(-11).StartIn(zone));
        cmd.Parameters.AddWithValue("to", last.AddMonths(1).StartIn(zone));
        var rows = 0;
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows++;
        return rows;
    }
}
