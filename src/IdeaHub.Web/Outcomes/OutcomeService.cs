using IdeaHub.Web.Assistant;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Rankings;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Outcomes;

public sealed record RealisationPoint(string Period, decimal Value, string Note, DateTimeOffset ReportedAt);

public sealed record IndicatorOutcome(
    Guid Id, string Name, string Unit, bool LowerIsBetter, decimal? Baseline, decimal? Target, DateOnly? TargetDate,
    OutcomeState State, IReadOnlyList<string> LateMonths, IReadOnlyList<RealisationPoint> Points)
{
    public IndicatorPlan? Plan { get; init; }
}

public sealed record ProposalOutcomes(Guid ProposalId, bool CanReport, DateOnly Start, IReadOnlyList<IndicatorOutcome> Indicators);

/// <summary>One month's values for several indicators, as the report form or the API sends them.</summary>
public sealed record RealisationEntry(Guid IndicatorId, decimal Value, string? Note);

/// <summary>The only door to <c>indicator_realisation</c>: reads outcomes of a proposal the caller sees, records reports.</summary>
public sealed class OutcomeService(IdeaHubDb db, RegencyClock clock)
{
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, clock.Zone).DateTime);

    /// <summary>Reporting runs from the trial date (waktu uji coba), else implementation, else submission.</summary>
    public static DateOnly StartOf(Proposal p) =>
        p.TrialDate ?? p.ImplementationDate ?? DateOnly.FromDateTime((p.SubmittedAt ?? p.CreatedAt).UtcDateTime);

    public static IndicatorPlan? PlanOf(Indicator i, DateOnly start) =>
        i is { Baseline: decimal b, Target: decimal t, TargetDate: DateOnly d }
            ? new IndicatorPlan(ProposalChecks.IsLowerBetter(new IndicatorData(i.Name, i.Unit, b, t, d, i.Direction)), b, t, start, d)
            : null;

    /// <summary>All realisations of proposals already found visible (exports), by proposal and period.</summary>
    public async Task<ILookup<Guid, Realisation>> RealisationsOfAsync(IReadOnlyCollection<Guid> proposalIds, CancellationToken ct = default) =>
        (await db.Set<Realisation>().AsNoTracking().Where(r => proposalIds.Contains(r.ProposalId)).OrderBy(r => r.Period)
            .ToListAsync(ct)).ToLookup(r => r.ProposalId);

    /// <summary>Outcomes of a proposal already found visible (with its indicators loaded).</summary>
    public async Task<ProposalOutcomes> LoadAsync(Proposal p, Caller me, CancellationToken ct = default)
    {
        var rows = await db.Set<Realisation>().AsNoTracking().Where(r => r.ProposalId == p.Id).OrderBy(r => r.Period).ToListAsync(ct);
        var start = StartOf(p);
        var today = Today;
        var byIndicator = rows.ToLookup(r => r.IndicatorId);
        var list = p.Indicators.OrderBy(i => i.Position).Select(i => Outcome(i, start, byIndicator[i.Id].ToList(), today)).ToList();
        return new ProposalOutcomes(p.Id, ProposalAccess.CanReportOutcome(p, me), start, list);
    }

    public static IndicatorOutcome Outcome(Indicator i, DateOnly start, IReadOnlyList<Realisation> rows, DateOnly today)
    {
        var plan = PlanOf(i, start);
        var points = rows.Select(r => new OutcomePoint(new MonthKey(r.Period.Year, r.Period.Month), r.Value)).ToList();
        var state = plan is { } pl ? OutcomeMath.StateOf(pl, points, today) : OutcomeState.NoData;
        var late = plan is { } p2 ? OutcomeMath.LateMonths(p2, points.Select(x => x.Period).ToHashSet(), today) : [];
        return new IndicatorOutcome(i.Id, i.Name, i.Unit, plan?.LowerIsBetter ?? false, i.Baseline, i.Target, i.TargetDate, state,
            late.Select(m => m.ToString()).ToList(),
            rows.Select(r => new RealisationPoint($"{r.Period:yyyy-MM}", r.Value, r.Note, r.ReportedAt)).ToList()) { Plan = plan };
    }

    /// <summary>
    /// Records one month's values (insert or replace per indicator) with an audit entry, in one transaction. The caller
    /// has been checked with <see cref="ProposalAccess.CanReportOutcome"/>; entries are validated by <see cref="Validate"/>.
    /// </summary>
    public async Task ReportAsync(Proposal p, Caller me, MonthKey period, IReadOnlyList<RealisationEntry> entries, CancellationToken ct = default)
    {
        var day = OutcomeMath.Start(period);
        var ids = entries.Select(e => e.IndicatorId).ToList();
        var existing = await db.Set<Realisation>().Where(r => r.ProposalId == p.Id && r.Period == day && ids.Contains(r.IndicatorId))
            .ToDictionaryAsync(r => r.IndicatorId, ct);
        foreach (var e in entries)
        {
            var row = existing.GetValueOrDefault(e.IndicatorId);
            if (row is null)
                db.Add(row = new Realisation { PemkabId = p.PemkabId, ProposalId = p.Id, IndicatorId = e.IndicatorId, Period = day });
            (row.Value, row.Note, row.ReportedBy, row.ReportedAt) = (e.Value, e.Note?.Trim() ?? "", me.Id, DateTimeOffset.UtcNow);
        }
        db.AddAudit(p.PemkabId, me.Id, "outcome.reported", p.Id, new { period = period.ToString(), count = entries.Count });
        await db.SaveChangesAsync(ct);
        await StoreOverallAsync(p, ct);
    }

    public static OutcomeState Overall(IEnumerable<OutcomeState> states)
    {
        var all = states.ToList();
        if (all.Count > 0 && all.All(s => s == OutcomeState.Achieved)) return OutcomeState.Achieved;
        if (all.Any(s => s is OutcomeState.AtRisk or OutcomeState.Missed)) return OutcomeState.AtRisk;
        return all.Any(s => s is OutcomeState.OnTrack or OutcomeState.Achieved) ? OutcomeState.OnTrack : OutcomeState.NoData;
    }

    private async Task StoreOverallAsync(Proposal p, CancellationToken ct)
    {
        var rows = await db.Set<Realisation>().AsNoTracking().Where(r => r.ProposalId == p.Id).ToListAsync(ct);
        var start = StartOf(p);
        var today = Today;
        var state = Overall(p.Indicators.Select(i => Outcome(i, start, rows.Where(r => r.IndicatorId == i.Id).ToList(), today).State));
        var now = DateTimeOffset.UtcNow;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO proposal_outcome (proposal_id, pemkab_id, state, updated_at) VALUES ({p.Id}, {p.PemkabId}, {state.ToString()}, {now})
            ON CONFLICT (proposal_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """, ct);
    }

    public const int MaxNote = 2000;
    public const decimal MaxAbs = 9_999_999_999_999_999.9999m;

    /// <summary>Field errors (keys for the localiser) of a month's report; empty when it may be stored.</summary>
    public Dictionary<string, string> Validate(Proposal p, MonthKey period, IReadOnlyList<RealisationEntry> entries)
    {
        var errors = new Dictionary<string, string>();
        var today = Today;
        if (period > new MonthKey(today.Year, today.Month)) errors["period"] = "Report.FutureMonth";
        if (period < new MonthKey(today.Year - 5, today.Month)) errors["period"] = "Report.OldMonth";
        if (entries.Count == 0) errors["values"] = "Report.NoValues";
        for (var n = 0; n < entries.Count; n++)
        {
            var e = entries[n];
            if (p.Indicators.All(i => i.Id != e.IndicatorId)) errors[$"values[{n}]"] = "Report.UnknownIndicator";
            else if (Math.Abs(e.Value) > MaxAbs) errors[$"values[{n}]"] = "Report.ValueRange";
            else if (e.Note?.Length > MaxNote) errors[$"values[{n}]"] = "Report.NoteTooLong";
        }
        if (entries.Select(e => e.IndicatorId).Distinct().Count() != entries.Count) errors["values"] = "Report.Duplicate";
        return errors;
    }
}
