using System.Security.Claims;
using IdeaHub.Web.Organisation;

namespace IdeaHub.Web.Platform;

/// <summary>
/// The Pemkab whose data this scope may see. Read from the signed-in user at query time (so a session the guard
/// ended mid-request sees nothing); background work and seeding set it explicitly with <see cref="Use"/>. With no
/// Pemkab, tenant-owned queries return nothing.
/// </summary>
public sealed class TenantContext(IHttpContextAccessor accessor)
{
    private Guid? _override;

    public Guid? PemkabId => _override
        ?? (Guid.TryParse(accessor.HttpContext?.User.FindFirstValue(IdeaHubClaims.PemkabId), out var g) ? g : null);

    public void Use(Guid pemkabId) => _override = pemkabId;
}
