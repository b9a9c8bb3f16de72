using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Organisation;

/// <summary>Who heads an OPD now: the endorsers of its submissions.</summary>
public static class OpdHeads
{
    /// <summary>The active Kepala OPD of one OPD (users are not tenant-filtered, so the Pemkab is explicit).</summary>
    public static Task<List<Guid>> OfAsync(IdeaHubDb db, Guid pemkabId, Guid opdId, CancellationToken ct = default) =>
        db.Users.Where(u => u.PemkabId == pemkabId && u.OpdId == opdId && u.IsActive
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.KepalaOpd)))
            .Select(u => u.Id).ToListAsync(ct);
}
