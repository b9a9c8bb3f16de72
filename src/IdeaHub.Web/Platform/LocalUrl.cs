namespace IdeaHub.Web.Platform;

/// <summary>
/// Whether a return URL stays on this site: "/path" but not "//host" or "/\host" (browsers read both as another
/// host), and no control characters. The rule of ASP.NET Core's IUrlHelper.IsLocalUrl, usable without MVC.
/// </summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/') return false;
        if (url.Length > 1 && url[1] is '/' or '\\') return false;
        foreach (var c in url)
            if (char.IsControl(c)) return false;
        return true;
    }

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
