using Npgsql;

namespace IdeaHub.Web.Rankings;

/// <summary>
/// Recomputes ranking_aggregate for one Pemkab (or all) in one set-based statement: after a bulk load with
/// triggers off, or after the admin changes rubric weights (the triggers only see review and vote writes).
/// Closed months keep their snapshots whatever the aggregates say.
/// </summary>
public static class AggregateRebuild
{
    /// <summary>The whole ranking computed from raw rows: also the naive peer the benchmark measures against.</summary>
    public const string FromRawRows = """
        WITH weighted AS (
            SELECT r.pemkab_id, ranking_month(r.created_at, k.time_zone) AS month, r.proposal_id,
                   sum(s.score * c.weight)::float8 / nullif(sum(c.weight), 0)::float8 AS ws
            FROM review r
            JOIN pemkab k ON k.id = r.pemkab_id
            JOIN review_score s ON s.review_id = r.id
            JOIN rubric_criterion c ON c.id = s.criterion_id
            WHERE (@pemkab::uuid IS NULL OR r.pemkab_id = @pemkab) AND (@from::timestamptz IS NULL OR r.created_at >= @from)
              AND (@to::timestamptz IS NULL OR r.created_at < @to)
            GROUP BY r.pemkab_id, k.time_zone, r.created_at, r.proposal_id, r.id),
        reviews AS (
            SELECT pemkab_id, month, proposal_id, count(*)::int AS n, sum(ws) AS total
            FROM weighted WHERE ws IS NOT NULL AND (@month::text IS NULL OR month = @month)
            GROUP BY pemkab_id, month, proposal_id),
        votes AS (
            SELECT v.pemkab_id, v.month, v.proposal_id,
                   (count(*) FILTER (WHERE v.support))::int AS support, count(*)::int AS n
            FROM vote v JOIN proposal p ON p.id = v.proposal_id
            WHERE v.voter_opd_id <> p.opd_id AND (@pemkab::uuid IS NULL OR v.pemkab_id = @pemkab)
              AND (@month::text IS NULL OR v.month = @month)
            GROUP BY v.pemkab_id, v.month, v.proposal_id)
        SELECT coalesce(r.pemkab_id, v.pemkab_id), coalesce(r.month, v.month), coalesce(r.proposal_id, v.proposal_id),
               coalesce(r.n, 0), coalesce(r.total, 0), coalesce(v.support, 0), coalesce(v.n, 0)
        FROM reviews r FULL JOIN votes v ON v.pemkab_id = r.pemkab_id AND v.month = r.month AND v.proposal_id = r.proposal_id
        """;

    public static async Task<int> RebuildAsync(NpgsqlConnection conn, Guid? pemkabId, CancellationToken ct = default)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var delete = new NpgsqlCommand("DELETE FROM ranking_aggregate WHERE @pemkab::uuid IS NULL OR pemkab_id = @pemkab", conn, tx))
        {
            delete.Parameters.Add(new NpgsqlParameter("pemkab", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)pemkabId ?? DBNull.Value });
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using var insert = new NpgsqlCommand("INSERT INTO ranking_aggregate " + FromRawRows, conn, tx) { CommandTimeout = 0 };
        AddFilters(insert, pemkabId, null, null, null);
        var rows = await insert.ExecuteNonQueryAsync(ct);
        // No counter trigger watches ranking_aggregate itself (migration 0401): a bulk rewrite bumps once per Pemkab.
        await using (var bump = new NpgsqlCommand("SELECT ranking_bump(id) FROM pemkab WHERE @pemkab::uuid IS NULL OR id = @pemkab", conn, tx))
        {
            bump.Parameters.Add(new NpgsqlParameter("pemkab", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)pemkabId ?? DBNull.Value });
            await bump.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return rows;
    }

    public static void AddFilters(NpgsqlCommand cmd, Guid? pemkabId, string? month, DateTimeOffset? from, DateTimeOffset? to)
    {
        cmd.Parameters.Add(new NpgsqlParameter("pemkab", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)pemkabId ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("month", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)month ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("from", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)from ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("to", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)to ?? DBNull.Value });
    }
}
