using System.Globalization;
using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Organisation;

/// <summary>
/// The one way a moment is shown: the regency's clock and its written form, "2 Des 2026 11.45" (issue 12.11).
/// The zone is the signed-in Pemkab's, read once per request.
/// </summary>
public sealed class RegencyClock(IdeaHubDb db)
{
    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= LoadZone();

    public string Format(DateTimeOffset at) => Format(at, Zone, CultureInfo.CurrentCulture);

    public string FormatDate(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    public static string Format(DateTimeOffset at, TimeZoneInfo zone, CultureInfo culture) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy HH'.'mm", culture);

    private TimeZoneInfo LoadZone()
    {
        var id = db.TenantId is Guid pemkab
            ? db.Pemkabs.AsNoTracking().Where(p => p.Id == pemkab).Select(p => p.TimeZone).FirstOrDefault()
            : null;
        return TimeZoneInfo.FindSystemTimeZoneById(id ?? "Asia/Jakarta");
    }
}
