using System.Security.Claims;
using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Organisation;

public static class IdeaHubClaims
{
    public const string PemkabId = "ideahub:pemkab";
    public const string OpdId = "ideahub:opd";
    public const string FullName = "ideahub:name";
    /// <summary>Present while the user still signs in with a password an administrator set.</summary>
    public const string MustChangePassword = "ideahub:must-change-password";
}

/// <summary>
/// Who is asking: the one caller type of every request, page, hub method and background run. Handlers and pages
/// inject it (scoped, taken from the signed-in principal); hubs and background work use <see cref="LoadAsync"/>
/// (roles and OPD as the database says now) and pass it on explicitly.
/// </summary>
public sealed record Caller(Guid Id, Guid? PemkabId, Guid? OpdId, IReadOnlySet<string> Roles, string Name = "")
{
    public static readonly Caller Anonymous = new(Guid.Empty, null, null, new HashSet<string>());

    public bool IsAuthenticated => Id != Guid.Empty;

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>The caller a principal stands for; <see cref="Anonymous"/> without a user id.</summary>
    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return Anonymous;
        return new Caller(id, Parse(user, IdeaHubClaims.PemkabId), Parse(user, IdeaHubClaims.OpdId),
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
            user.FindFirstValue(IdeaHubClaims.FullName) ?? user.Identity.Name ?? "");
    }

    /// <summary>The user as the database says now (roles may have changed since sign-in); null if inactive.</summary>
    public static async Task<Caller?> LoadAsync(IdeaHubDb db, Guid userId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.PemkabId, u.OpdId, u.FullName }).SingleOrDefaultAsync(ct);
        if (user is null) return null;
        var roles = await db.UserRoles.Where(r => r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
        return new Caller(user.Id, user.PemkabId, user.OpdId, roles.ToHashSet(), user.FullName);
    }

    /// <summary>Many users as the database says now, for checking each recipient of an event; inactive ones are left out.</summary>
    public static async Task<IReadOnlyList<Caller>> LoadManyAsync(IdeaHubDb db, IReadOnlyCollection<Guid> userIds, CancellationToken ct = default)
    {
        if (userIds.Count == 0) return [];
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.PemkabId, u.OpdId, u.FullName }).ToListAsync(ct);
        var roles = (await db.UserRoles.Where(r => userIds.Contains(r.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);
        return users.Select(u => new Caller(u.Id, u.PemkabId, u.OpdId, roles[u.Id].ToHashSet(), u.FullName)).ToList();
    }

    private static Guid? Parse(ClaimsPrincipal user, string claim) =>
        Guid.TryParse(user.FindFirstValue(claim), out var g) ? g : null;
}
