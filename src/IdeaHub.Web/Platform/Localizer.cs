using System.Globalization;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Platform;

/// <summary>Marker type for the shared UI strings in Resources/SharedResource(.en).resx.</summary>
public sealed class SharedResource;

/// <summary>Shorthand for the shared localiser: l["Key"] or l["Key", args].</summary>
public sealed class Localizer(IStringLocalizer<SharedResource> inner)
{
    public string this[string key] => inner[key];
    public string this[string key, params object[] args] => inner[key, args];

    public static readonly CultureInfo Indonesian = new("id-ID");
    public static readonly CultureInfo English = new("en-US");
}
