using IdeaHub.Web.Outcomes;
using IdeaHub.Web.Rankings;

namespace IdeaHub.Tests.Outcomes;

public sealed class OutcomeMathTests
{
    private static readonly DateOnly Start = new(2026, 1, 1), TargetDate = new(2026, 12, 31), Midyear = new(2026, 7, 15);
    private static readonly IndicatorPlan Visitors = new(false, 10_000, 20_000, Start, TargetDate);
    private static readonly IndicatorPlan LicenceDays = new(true, 14, 3, Start, TargetDate);

    private static OutcomePoint[] At(int month, decimal value) => [new(new MonthKey(2026, month), value)];

    [Theory]
    [InlineData(15_000, OutcomeState.OnTrack)]   // half way at the end of June: expected ~0.50, has 0.50
    [InlineData(13_000, OutcomeState.OnTrack)]   // 0.30 ≥ 0.8 × 0.33 (end of April)
    [InlineData(12_000, OutcomeState.AtRisk)]    // 0.20 < 0.8 × 0.50
    [InlineData(9_000, OutcomeState.AtRisk)]     // moved the wrong way
    [InlineData(20_000, OutcomeState.Achieved)]
    [InlineData(25_000, OutcomeState.Achieved)]
    public void Higher_is_better(decimal value, OutcomeState expected)
    {
        var month = value == 13_000 ? 4 : 6;
        Assert.Equal(expected, OutcomeMath.StateOf(Visitors, At(month, value), Midyear));
    }

    [Theory]
    [InlineData(8, OutcomeState.OnTrack)]    // (8-14)/(3-14) = 0.55 ≥ 0.40
    [InlineData(13, OutcomeState.AtRisk)]    // 0.09
    [InlineData(15, OutcomeState.AtRisk)]    // worse than the baseline
    [InlineData(3, OutcomeState.Achieved)]
    [InlineData(2.5, OutcomeState.Achieved)]
    public void Lower_is_better(decimal value, OutcomeState expected) =>
        Assert.Equal(expected, OutcomeMath.StateOf(LicenceDays, At(6, value), Midyear));

    [Fact]
    public void On_track_needs_eighty_percent_of_the_straight_line()
    {
        var plan = new IndicatorPlan(false, 0, 100, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var expected = OutcomeMath.ExpectedShare(plan, OutcomeMath.End(new MonthKey(2026, 6)));
        var exact = Math.Round(OutcomeMath.OnTrackShare * expected * 100, 4);
        Assert.Equal(OutcomeState.OnTrack, OutcomeMath.StateOf(plan, At(6, exact + 0.0001m), Midyear));
        Assert.Equal(OutcomeState.AtRisk, OutcomeMath.StateOf(plan, At(6, exact - 0.01m), Midyear));
    }

    [Fact]
    public void The_latest_month_counts_not_the_order_reported()
    {
        OutcomePoint[] points = [new(new MonthKey(2026, 6), 20_000), new(new MonthKey(2026, 3), 11_000)];
        Assert.Equal(OutcomeState.Achieved, OutcomeMath.StateOf(Visitors, points, Midyear));
        OutcomePoint[] fell = [new(new MonthKey(2026, 3), 20_000), new(new MonthKey(2026, 6), 11_000)];
        Assert.Equal(OutcomeState.AtRisk, OutcomeMath.StateOf(Visitors, fell, Midyear));
    }

    [Fact]
    public void After_the_target_date_unreached_is_missed_and_no_report_is_no_data_before()
    {
        var after = new DateOnly(2027, 1, 5);
        Assert.Equal(OutcomeState.Missed, OutcomeMath.StateOf(Visitors, At(12, 19_999), after));
        Assert.Equal(OutcomeState.Achieved, OutcomeMath.StateOf(Visitors, At(12, 20_000), after));
        Assert.Equal(OutcomeState.Missed, OutcomeMath.StateOf(Visitors, [], after));
        Assert.Equal(OutcomeState.NoData, OutcomeMath.StateOf(Visitors, [], Midyear));
    }

    [Fact]
    public void A_month_is_late_after_day_ten_of_the_next_month()
    {
        var plan = Visitors with { Start = new DateOnly(2026, 9, 15) };
        var sept = new HashSet<MonthKey> { new(2026, 9) };
        Assert.Equal(new MonthKey(2026, 10), OutcomeMath.LastDueMonth(new DateOnly(2026, 12, 10)));
        Assert.Equal([new MonthKey(2026, 10)], OutcomeMath.LateMonths(plan, sept, new DateOnly(2026, 12, 10)));
        Assert.Equal([new MonthKey(2026, 10), new MonthKey(2026, 11)], OutcomeMath.LateMonths(plan, sept, new DateOnly(2026, 12, 11)));
        Assert.Empty(OutcomeMath.LateMonths(plan, sept, new DateOnly(2026, 11, 10)));
    }

    [Fact]
    public void Nothing_is_due_after_the_target_month_or_before_the_start()
    {
        var plan = new IndicatorPlan(false, 0, 10, new DateOnly(2026, 1, 20), new DateOnly(2026, 3, 31));
        var late = OutcomeMath.LateMonths(plan, new HashSet<MonthKey> { new(2026, 2) }, new DateOnly(2026, 12, 20));
        Assert.Equal([new MonthKey(2026, 1), new MonthKey(2026, 3)], late);
        var future = plan with { Start = new DateOnly(2027, 1, 1), TargetDate = new DateOnly(2027, 12, 31) };
        Assert.Empty(OutcomeMath.LateMonths(future, new HashSet<MonthKey>(), new DateOnly(2026, 12, 20)));
    }
}
