using System.Text.Json;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Rankings;

/// <summary>
/// Reads a month's ranking: from the snapshot when the month is closed, else computed from the aggregates and kept in
/// <see cref="LiveMonthCache"/> until the next write that changes it.
/// </summary>
public sealed class RankingService(IdeaHubDb db, ExplanationText text, LiveMonthCache cache)
{
    internal sealed record ProposalInfo(Guid Id, string Title, Guid OpdId, string OpdName, string Stage, string Status, DateTimeOffset? SubmittedAt);

    public async Task<RankingPage> GetAsync(MonthKey month, int offset, int limit, CancellationToken ct = default)
    {
        var key = month.ToString();
        var closed = await db.Set<MonthClose>().AsNoTracking().SingleOrDefaultAsync(c => c.Month == key, ct);
        return closed is null ? await LiveAsync(key, offset, limit, ct) : await SnapshotAsync(closed, offset, limit, ct);
    }

    private async Task<RankingPage> SnapshotAsync(MonthClose closed, int offset, int limit, CancellationToken ct)
    {
        var rows = await db.Set<RankingSnapshotRow>().AsNoTracking()
            .Where(r => r.Month == closed.Month && r.Rank > offset && r.Rank <= offset + limit)
            .OrderBy(r => r.Rank).ToListAsync(ct);
        var items = rows.Select(r =>
        {
            var why = JsonSerializer.Deserialize<RankExplanation>(r.Explanation, Json)!;
            return new RankingEntry(r.Rank, r.ProposalId, r.Title, r.OpdId, r.OpdName, r.Stage, r.Status, r.ReviewCount,
                r.RawMean, r.Bayesian, r.SupportCount, r.VoteCount, r.Wilson, why, text.Format(why),
                JsonSerializer.Deserialize<List<IndicatorView>>(r.Indicators, Json)!);
        }).ToList();
        return new RankingPage(closed.Month, true, closed.ClosedAt, closed.MonthMean, closed.MedianReviews,
            closed.RankedCount, offset, limit, text.Rule, items);
    }

    private async Task<RankingPage> LiveAsync(string month, int offset, int limit, CancellationToken ct)
    {
        var (result, info) = await CachedAsync(month, ct);
        var page = result.Items.Skip(offset).Take(limit).ToList();
        var indicators = await IndicatorsAsync(page.Select(r => r.Tally.ProposalId).ToList(), ct);
        var items = page.Select(r => ToEntry(r, info[r.Tally.ProposalId], indicators)).ToList();
        return new RankingPage(month, false, null, result.MonthMean, result.MedianReviews, result.Items.Count, offset, limit, text.Rule, items);
    }

    internal RankingEntry ToEntry(RankedProposal r, ProposalInfo p, IReadOnlyDictionary<Guid, List<IndicatorView>> indicators) =>
        new(r.Rank, p.Id, p.Title, p.OpdId, p.OpdName, p.Stage, p.Status, r.Explanation.ReviewCount, r.Explanation.RawMean,
            r.Explanation.Bayesian, r.Explanation.SupportCount, r.Explanation.VoteCount, r.Explanation.Wilson,
            r.Explanation, text.Format(r.Explanation), indicators.GetValueOrDefault(p.Id) ?? []);

    /// <summary>The live ranking, shared by all readers of the Pemkab until a counted write (explanation texts are
    /// formatted per request, in the reader's culture).</summary>
    private async Task<(MonthRankingResult Result, Dictionary<Guid, ProposalInfo> Info)> CachedAsync(string month, CancellationToken ct)
    {
        if (db.TenantId is not Guid pemkab) return await ComputeAsync(month, ct);
        var version = await LiveMonthCache.VersionAsync(db, pemkab, ct);
        var live = await cache.GetAsync(new LiveKey(pemkab, month), version,
            async () => new LiveRanking(await ComputeAsync(month, ct)), l => l.Ranking.Result.Items.Count, ct);
        return live.Ranking;
    }

    private sealed record LiveKey(Guid PemkabId, string Month);

    private sealed record LiveRanking((MonthRankingResult Result, Dictionary<Guid, ProposalInfo> Info) Ranking);

    /// <summary>
    /// The live ranking of a month from the aggregate table: only <see cref="ProposalAccess.RankedStatuses"/>, merged
    /// duplicates left out. Three simple
    /// queries rather than one join: the planner misjudges the month's share of a large regency and would walk
    /// all its proposals instead of the month's aggregate rows.
    /// </summary>
    internal async Task<(MonthRankingResult Result, Dictionary<Guid, ProposalInfo> Info)> ComputeAsync(string month, CancellationToken ct)
    {
        var aggregates = await db.Set<RankingAggregate>().AsNoTracking()
            .Where(a => a.Month == month && a.ReviewCount > 0).ToListAsync(ct);
        var ids = aggregates.Select(a => a.ProposalId).ToList();
        var ranked = ProposalAccess.RankedStatuses.ToList();
        var proposals = await db.Set<Proposal>().AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.MergedIntoId == null && ranked.Contains(p.Status))
            .Select(p => new { p.Id, p.Title, p.OpdId, p.Stage, p.Status, p.SubmittedAt }).ToListAsync(ct);
        var opds = await db.Set<Opd>().AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var info = proposals.ToDictionary(p => p.Id,
            p => new ProposalInfo(p.Id, p.Title, p.OpdId, opds.GetValueOrDefault(p.OpdId, ""), p.Stage.ToString(), p.Status.ToString(), p.SubmittedAt));
        var tallies = aggregates.Where(a => info.ContainsKey(a.ProposalId)).Select(a =>
            new ProposalTally(a.ProposalId, info[a.ProposalId].Title, info[a.ProposalId].SubmittedAt, a.ReviewCount, a.ScoreSum, a.SupportCount, a.VoteCount));
        return (RankingMath.Rank(tallies), info);
    }

    internal async Task<Dictionary<Guid, List<IndicatorView>>> IndicatorsAsync(IReadOnlyCollection<Guid> proposalIds, CancellationToken ct)
    {
        var rows = await db.Set<Indicator>().AsNoTracking().Where(i => proposalIds.Contains(i.ProposalId))
            .OrderBy(i => i.Position).ToListAsync(ct);
        return rows.GroupBy(i => i.ProposalId).ToDictionary(g => g.Key,
            g => g.Select(i => new IndicatorView(i.Name, i.Unit, i.Baseline, i.Target, i.TargetDate)).ToList());
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
