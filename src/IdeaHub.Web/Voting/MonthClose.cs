using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Voting;

/// <summary>Whether a Pemkab's month ("yyyy-MM") is closed; votes counted in a closed month can no longer change.</summary>
public interface IMonthClose
{
    Task<bool> IsClosedAsync(Guid pemkabId, string month, CancellationToken ct = default);
}

/// <summary>
/// Hook for the rankings feature, which owns month closing. Reads its month_close table (pemkab_id, month) when it
/// exists; until then every month is open. Rankings may replace this registration with its own service.
/// </summary>
internal sealed class MonthCloseTable(IdeaHubDb db) : IMonthClose
{
    public async Task<bool> IsClosedAsync(Guid pemkabId, string month, CancellationToken ct = default)
    {
        var exists = await db.Database.SqlQuery<bool>($"SELECT to_regclass('month_close') IS NOT NULL AS \"Value\"").SingleAsync(ct);
        if (!exists) return false;
        return await db.Database.SqlQuery<bool>(
            $"SELECT EXISTS (SELECT 1 FROM month_close WHERE pemkab_id = {pemkabId} AND month = {month}) AS \"Value\"").SingleAsync(ct);
    }
}
