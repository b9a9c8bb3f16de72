using System.Text.Json.Serialization;
using IdeaHub.Web.Rankings;

namespace IdeaHub.Web.Outcomes;

/// <summary>Where an indicator stands against its target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutcomeState>))]
public enum OutcomeState { NoData, OnTrack, AtRisk, Achieved, Missed }

/// <summary>One reported month of an indicator.</summary>
public readonly record struct OutcomePoint(MonthKey Period, decimal Value);

/// <summary>What the maths needs of an indicator: which way is better, from where to where, from when to when.</summary>
public readonly record struct IndicatorPlan(bool LowerIsBetter, decimal Baseline, decimal Target, DateOnly Start, DateOnly TargetDate);

/// <summary>
/// Realisation maths. An indicator is achieved once its latest value reaches the target (at or below it when lower is
/// better); missed when the target date passed without that; otherwise on track when the latest value has covered at
/// least <see cref="OnTrackShare"/> of the straight-line progress expected by the end of its month, else at risk.
/// A month's report is due by day <see cref="DueDay"/> of the next month; months with no report after that are late.
/// </summary>
public static class OutcomeMath
{
    public const decimal OnTrackShare = 0.8m;
    public const int DueDay = 10;

    public static OutcomeState StateOf(IndicatorPlan plan, IReadOnlyList<OutcomePoint> points, DateOnly today)
    {
        if (points.Count == 0) return today > plan.TargetDate ? OutcomeState.Missed : OutcomeState.NoData;
        var latest = points.MaxBy(p => p.Period);
        if (Reached(plan, latest.Value)) return OutcomeState.Achieved;
        if (today > plan.TargetDate) return OutcomeState.Missed;
        return Progress(plan, latest.Value) >= OnTrackShare * ExpectedShare(plan, End(latest.Period))
            ? OutcomeState.OnTrack : OutcomeState.AtRisk;
    }

    public static bool Reached(IndicatorPlan plan, decimal value) =>
        plan.LowerIsBetter ? value <= plan.Target : value >= plan.Target;

    /// <summary>Share of the way from baseline to target the value has covered (negative when it moved the wrong way).</summary>
    public static decimal Progress(IndicatorPlan plan, decimal value)
    {
        var span = plan.Target - plan.Baseline;
        return span == 0 ? 1 : (value - plan.Baseline) / span;
    }

    /// <summary>Share of the way a straight line from start to target date has covered on <paramref name="day"/>.</summary>
    public static decimal ExpectedShare(IndicatorPlan plan, DateOnly day)
    {
        var total = plan.TargetDate.DayNumber - plan.Start.DayNumber;
        if (total <= 0) return 1;
        return Math.Clamp((decimal)(day.DayNumber - plan.Start.DayNumber) / total, 0, 1);
    }

    /// <summary>The last month whose report is already due on <paramref name="today"/>.</summary>
    public static MonthKey LastDueMonth(DateOnly today)
    {
        var current = new MonthKey(today.Year, today.Month);
        return today.Day > DueDay ? current.AddMonths(-1) : current.AddMonths(-2);
    }

    /// <summary>Due months from the start month to the target month (or the last due month, if earlier) with no report.</summary>
    public static IReadOnlyList<MonthKey> LateMonths(IndicatorPlan plan, IReadOnlyCollection<MonthKey> reported, DateOnly today)
    {
        var first = new MonthKey(plan.Start.Year, plan.Start.Month);
        var last = LastDueMonth(today);
        var end = new MonthKey(plan.TargetDate.Year, plan.TargetDate.Month);
        if (end < last) last = end;
        var late = new List<MonthKey>();
        for (var m = first; m <= last; m = m.AddMonths(1))
            if (!reported.Contains(m)) late.Add(m);
        return late;
    }

    public static DateOnly End(MonthKey m) => new DateOnly(m.Year, m.Month, 1).AddMonths(1).AddDays(-1);

    public static DateOnly Start(MonthKey m) => new(m.Year, m.Month, 1);
}
