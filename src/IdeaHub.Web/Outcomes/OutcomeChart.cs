using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace IdeaHub.Web.Outcomes;

/// <summary>
/// An indicator's line as inline SVG, drawn on the server: no script (the CSP allows none inline) and readable without
/// JavaScript. Dashed: the planned straight line from baseline to target; solid: baseline then each realised month.
/// </summary>
public static class OutcomeChart
{
    private const double W = 560, H = 200, Left = 70, Right = 12, Top = 12, Bottom = 28;

    public static IHtmlContent Svg(IndicatorOutcome o, CultureInfo culture)
    {
        if (o.Plan is not { } plan) return HtmlString.Empty;
        var points = o.Points.Select(p => (Day: OutcomeMath.End(MonthOf(p.Period)), p.Value, p.Period)).ToList();
        var x0 = plan.Start.DayNumber;
        var x1 = Math.Max(plan.TargetDate.DayNumber, points.Count > 0 ? points.Max(p => p.Day.DayNumber) : 0);
        if (x1 <= x0) x1 = x0 + 1;
        var values = points.Select(p => p.Value).Append(plan.Baseline).Append(plan.Target).ToList();
        double lo = (double)values.Min(), hi = (double)values.Max();
        var pad = hi > lo ? (hi - lo) * 0.1 : Math.Max(1, Math.Abs(hi) * 0.1);
        (lo, hi) = (lo - pad, hi + pad);
        string X(int day) => F(Left + (day - x0) / (double)(x1 - x0) * (W - Left - Right));
        string Y(decimal v) => F(Top + (hi - (double)v) / (hi - lo) * (H - Top - Bottom));

        var e = HtmlEncoder.Default;
        var sb = new StringBuilder();
        sb.Append($"<svg class=\"outcome-chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" data-points=\"{points.Count}\" aria-label=\"")
          .Append(e.Encode(o.Name)).Append("\">");
        sb.Append($"<line class=\"axis\" x1=\"{Left}\" y1=\"{H - Bottom}\" x2=\"{W - Right}\" y2=\"{H - Bottom}\"/>");
        sb.Append($"<line class=\"target\" x1=\"{Left}\" y1=\"{Y(plan.Target)}\" x2=\"{W - Right}\" y2=\"{Y(plan.Target)}\"/>");
        sb.Append($"<line class=\"plan\" x1=\"{X(x0)}\" y1=\"{Y(plan.Baseline)}\" x2=\"{X(plan.TargetDate.DayNumber)}\" y2=\"{Y(plan.Target)}\"/>");
        var line = string.Join(' ', points.Select(p => $"{X(p.Day.DayNumber)},{Y(p.Value)}").Prepend($"{X(x0)},{Y(plan.Baseline)}"));
        sb.Append($"<polyline class=\"real\" points=\"{line}\"/>");
        foreach (var p in points)
            sb.Append($"<circle class=\"real\" cx=\"{X(p.Day.DayNumber)}\" cy=\"{Y(p.Value)}\" r=\"4\"><title>")
              .Append(e.Encode($"{p.Period}: {p.Value.ToString("#,0.####", culture)}")).Append("</title></circle>");
        Label(sb, e, Left - 6, Y(plan.Target), "end", plan.Target.ToString("#,0.####", culture));
        Label(sb, e, Left - 6, Y(plan.Baseline), "end", plan.Baseline.ToString("#,0.####", culture));
        Label(sb, e, Left, F(H - 8), "start", plan.Start.ToString("MMM yyyy", culture));
        Label(sb, e, W - Right, F(H - 8), "end", DateOnly.FromDayNumber(x1).ToString("MMM yyyy", culture));
        return new HtmlString(sb.Append("</svg>").ToString());
    }

    private static void Label(StringBuilder sb, HtmlEncoder e, double x, string y, string anchor, string text) =>
        sb.Append($"<text x=\"{F(x)}\" y=\"{y}\" text-anchor=\"{anchor}\">").Append(e.Encode(text)).Append("</text>");

    private static Rankings.MonthKey MonthOf(string period) =>
        Rankings.MonthKey.TryParse(period, out var m) ? m : throw new FormatException(period);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
