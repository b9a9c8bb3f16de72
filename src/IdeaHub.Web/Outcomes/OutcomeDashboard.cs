using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Rankings;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Outcomes;

public sealed record AchievedTarget(Guid ProposalId, string Title, string Opd, string Indicator, decimal Value, decimal Target, string Unit);

public sealed record OpdOutcomes(string Opd, int AtRisk, int Late, IReadOnlyList<string> LateMonths);

public sealed record OutcomePanel(MonthKey Month, IReadOnlyList<AchievedTarget> Achieved, IReadOnlyList<OpdOutcomes> ByOpd, int Running);

/// <summary>
/// The Bupati's measured view of a month: indicators whose report for that month reached the target, and per OPD the
/// indicators at risk (or missed) and those with late reports today. Only running innovations the caller sees.
/// </summary>
public sealed class OutcomeDashboard(IdeaHubDb db, ProposalReader proposals, OutcomeService outcomes)
{
    public async Task<OutcomePanel> LoadAsync(Caller me, MonthKey month, CancellationToken ct = default)
    {
        var statuses = ProposalAccess.ReportingStatuses.ToList();
        var running = await proposals.Visible(me).Where(p => statuses.Contains(p.Status) && p.MergedIntoId == null)
            .Include(p => p.Indicators).ToListAsync(ct);
        var ids = running.Select(p => p.Id).ToList();
        var rows = (await db.Set<Realisation>().AsNoTracking().Where(r => ids.Contains(r.ProposalId)).ToListAsync(ct)).ToLookup(r => r.IndicatorId);
        var opdIds = running.Select(p => p.OpdId).Distinct().ToList();
        var opds = await db.Opds.AsNoTracking().Where(o => opdIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var today = outcomes.Today;
        var period = OutcomeMath.Start(month);
        var achieved = new List<AchievedTarget>();
        var byOpd = new Dictionary<Guid, (int AtRisk, int Late, SortedSet<string> Months)>();
        foreach (var p in running)
        {
            var start = OutcomeService.StartOf(p);
            foreach (var i in p.Indicators.OrderBy(i => i.Position))
            {
                var o = OutcomeService.Outcome(i, start, rows[i.Id].OrderBy(r => r.Period).ToList(), today);
                if (o.Plan is not { } plan) continue;
                if (rows[i.Id].FirstOrDefault(r => r.Period == period) is { } r && OutcomeMath.Reached(plan, r.Value))
                    achieved.Add(new AchievedTarget(p.Id, p.Title, opds.GetValueOrDefault(p.OpdId, ""), i.Name, r.Value, plan.Target, i.Unit));
                var (atRisk, late, months) = byOpd.GetValueOrDefault(p.OpdId, (0, 0, new SortedSet<string>(StringComparer.Ordinal)));
                if (o.State is OutcomeState.AtRisk or OutcomeState.Missed) atRisk++;
                if (o.LateMonths.Count > 0) { late++; months.UnionWith(o.LateMonths); }
                byOpd[p.OpdId] = (atRisk, late, months);
            }
        }
        var list = byOpd.Where(kv => kv.Value.AtRisk + kv.Value.Late > 0)
            .Select(kv => new OpdOutcomes(opds.GetValueOrDefault(kv.Key, ""), kv.Value.AtRisk, kv.Value.Late, kv.Value.Months.ToList()))
            .OrderByDescending(x => x.AtRisk + x.Late).ThenBy(x => x.Opd, StringComparer.Ordinal).ToList();
        return new OutcomePanel(month, achieved.OrderBy(a => a.Opd, StringComparer.Ordinal).ThenBy(a => a.Title, StringComparer.Ordinal).ToList(),
            list, running.Count);
    }
}
