using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Rankings;

/// <summary>
/// Whether a month is still open. The voting feature asks before accepting a vote; the database refuses votes
/// in a closed month anyway, so a race cannot slip one in.
/// </summary>
public sealed class MonthStatus(IdeaHubDb db)
{
    public Task<bool> IsClosedAsync(Guid pemkabId, string month, CancellationToken ct = default) =>
        db.Set<MonthClose>().IgnoreQueryFilters().AnyAsync(c => c.PemkabId == pemkabId && c.Month == month, ct);

    public async Task<TimeZoneInfo> ZoneAsync(Guid pemkabId, CancellationToken ct = default)
    {
        var id = await db.Pemkabs.AsNoTracking().Where(p => p.Id == pemkabId).Select(p => p.TimeZone).SingleAsync(ct);
        return TimeZoneInfo.FindSystemTimeZoneById(id);
    }

    /// <summary>The month now is in, on the Pemkab's clock.</summary>
    public async Task<MonthKey> CurrentAsync(Guid pemkabId, TimeProvider clock, CancellationToken ct = default) =>
        MonthKey.Of(clock.GetUtcNow(), await ZoneAsync(pemkabId, ct));
}

public enum CloseOutcome { Closed, NotEnded, AlreadyClosed }

/// <summary>Freezes a month: its ranking, each proposal's title, OPD and indicators as they were, and the dashboard figures.</summary>
public sealed class MonthCloser(IdeaHubDb db, RankingService rankings, DashboardStats stats, MonthStatus status, TimeProvider clock)
{
    public async Task<CloseOutcome> CloseAsync(Guid pemkabId, MonthKey month, Guid actorId, CancellationToken ct = default)
    {
        var zone = await status.ZoneAsync(pemkabId, ct);
        if (month >= MonthKey.Of(clock.GetUtcNow(), zone)) return CloseOutcome.NotEnded;
        if (await status.IsClosedAsync(pemkabId, month.ToString(), ct)) return CloseOutcome.AlreadyClosed;

        var key = month.ToString();
        var (result, info) = await rankings.ComputeAsync(key, ct);
        var figures = await stats.LiveAsync(pemkabId, month, zone, ct);
        var indicators = await rankings.IndicatorsAsync(info.Keys, ct);
        db.Add(new MonthClose
        {
            PemkabId = pemkabId, Month = key, ClosedBy = actorId, MonthMean = result.MonthMean,
            MedianReviews = result.MedianReviews, RankedCount = result.Items.Count,
            Stats = System.Text.Json.JsonSerializer.Serialize(figures, RankingService.Json),
        });
        foreach (var r in result.Items)
        {
            var p = info[r.Tally.ProposalId];
            var e = r.Explanation;
            db.Add(new RankingSnapshotRow
            {
                PemkabId = pemkabId, Month = key, Rank = r.Rank, ProposalId = p.Id, Title = p.Title, OpdId = p.OpdId,
                OpdName = p.OpdName, Stage = p.Stage, Status = p.Status, ReviewCount = e.ReviewCount, RawMean = e.RawMean,
                Bayesian = e.Bayesian, SupportCount = e.SupportCount, VoteCount = e.VoteCount, Wilson = e.Wilson,
                Explanation = System.Text.Json.JsonSerializer.Serialize(e, RankingService.Json),
                Indicators = System.Text.Json.JsonSerializer.Serialize(indicators.GetValueOrDefault(p.Id) ?? [], RankingService.Json),
            });
        }
        db.AddAudit(pemkabId, actorId, "rankings.month-closed", detail: new { month = key, ranked = result.Items.Count });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return CloseOutcome.AlreadyClosed;
        }
        return CloseOutcome.Closed;
    }
}
