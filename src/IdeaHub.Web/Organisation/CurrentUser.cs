using System.Security.Claims;

namespace IdeaHub.Web.Organisation;

public static class IdeaHubClaims
{
    public const string PemkabId = "ideahub:pemkab";
    public const string OpdId = "ideahub:opd";
    public const string FullName = "ideahub:name";
    /// <summary>Present while the user still signs in with a password an administrator set.</summary>
    public const string MustChangePassword = "ideahub:must-change-password";
}

/// <summary>The caller as the domain sees it: who, which Pemkab, which OPD, which roles.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public Guid Id => ParseGuid(ClaimTypes.NameIdentifier) ?? Guid.Empty;
    public Guid? PemkabId => ParseGuid(IdeaHubClaims.PemkabId);
    public Guid? OpdId => ParseGuid(IdeaHubClaims.OpdId);
    public string Name => Principal?.FindFirstValue(IdeaHubClaims.FullName) ?? Principal?.Identity?.Name ?? "";
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    private Guid? ParseGuid(string claim) =>
        Guid.TryParse(Principal?.FindFirstValue(claim), out var g) ? g : null;
}

/// <summary>
/// The Pemkab whose data this scope may see. Taken from the signed-in user; background work and seeding
/// set it explicitly with <see cref="Use"/>. With no Pemkab, tenant-owned queries return nothing.
/// </summary>
public sealed class TenantContext(CurrentUser user)
{
    private Guid? _override;

    public Guid? PemkabId => _override ?? user.PemkabId;

    public void Use(Guid pemkabId) => _override = pemkabId;
}
