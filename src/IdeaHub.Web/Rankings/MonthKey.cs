using System.Globalization;

namespace IdeaHub.Web.Rankings;

/// <summary>A calendar month ("yyyy-MM") on a Pemkab's clock: the unit rankings and votes are counted in.</summary>
public readonly record struct MonthKey(int Year, int Month) : IComparable<MonthKey>
{
    public static bool TryParse(string? text, out MonthKey month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-') return false;
        if (!DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        if (d.Year < 2000 || d.Year > 2999) return false;
        month = new MonthKey(d.Year, d.Month);
        return true;
    }

    /// <summary>The month an instant falls in on the given clock (e.g. 31 Jan 17:30 UTC is 1 Feb in WIB).</summary>
    public static MonthKey Of(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new MonthKey(local.Year, local.Month);
    }

    public static MonthKey Of(DateTimeOffset at, string ianaZone) => Of(at, TimeZoneInfo.FindSystemTimeZoneById(ianaZone));

    /// <summary>Start of the month on the given clock, as a UTC instant (what timestamptz parameters need).</summary>
    public DateTimeOffset StartIn(TimeZoneInfo zone)
    {
        var local = new DateTime(Year, Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public MonthKey AddMonths(int months)
    {
        var d = new DateTime(Year, Month, 1).AddMonths(months);
        return new MonthKey(d.Year, d.Month);
    }

    public int CompareTo(MonthKey other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(MonthKey a, MonthKey b) => a.CompareTo(b) < 0;
    public static bool operator >(MonthKey a, MonthKey b) => a.CompareTo(b) > 0;
    public static bool operator <=(MonthKey a, MonthKey b) => a.CompareTo(b) <= 0;
    public static bool operator >=(MonthKey a, MonthKey b) => a.CompareTo(b) >= 0;

    /// <summary>"September 2026" in the given culture.</summary>
    public string Display(CultureInfo culture) => new DateTime(Year, Month, 1).ToString("MMMM yyyy", culture);

    /// <summary>The short written month, "Jan 2026" (chart labels, trend tables).</summary>
    public string Short(CultureInfo culture) => new DateTime(Year, Month, 1).ToString("MMM yyyy", culture);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
