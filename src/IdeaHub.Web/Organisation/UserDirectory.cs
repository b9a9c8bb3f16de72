using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Organisation;

public sealed record UserRow(Guid Id, string UserName, string FullName, string? Role, Guid? OpdId, string? OpdCode, string? OpdName,
    string? Nip, string? Email, bool IsActive, bool Activated);

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The users of the caller's Pemkab, searchable and paged (a Pemkab has ~10,000 ASN). Users are not
/// tenant-filtered by the DbContext (sign-in must find them globally), so every query here filters by Pemkab.
/// </summary>
public sealed class UserDirectory(IdeaHubDb db, Caller me)
{
    public const int MaxPageSize = 200;
    /// <summary>Far beyond any Pemkab (~10,000 users), and (MaxPage - 1) * MaxPageSize cannot overflow.</summary>
    public const int MaxPage = 100_000;
    public const int QueryMax = 100;

    /// <summary>The Pemkab's users; the deployment operator is not one of them (a Pemkab admin cannot touch it).</summary>
    public IQueryable<AppUser> Mine => db.Users.Where(u => u.PemkabId == me.PemkabId
        && !db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Operator)));

    public async Task<PageOf<UserRow>> SearchAsync(string? q, string? role, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Clamp(page, 1, MaxPage);
        var users = Mine;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + EscapeLike(q.Trim()[..Math.Min(q.Trim().Length, QueryMax)]) + "%";
            users = users.Where(u => EF.Functions.ILike(u.FullName, pattern) || EF.Functions.ILike(u.UserName!, pattern)
                || (u.Nip != null && EF.Functions.ILike(u.Nip, pattern)));
        }
        if (!string.IsNullOrWhiteSpace(role))
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        var total = await users.CountAsync(ct);
        var items = await Project(users.OrderBy(u => u.FullName).ThenBy(u => u.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new PageOf<UserRow>(items, total, page, pageSize);
    }

    public Task<UserRow?> GetAsync(Guid id, CancellationToken ct) => Project(Mine.Where(u => u.Id == id)).SingleOrDefaultAsync(ct);

    private IQueryable<UserRow> Project(IQueryable<AppUser> users) =>
        from u in users
        let opd = db.Opds.FirstOrDefault(o => o.Id == u.OpdId)
        select new UserRow(u.Id, u.UserName!, u.FullName,
            db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
            u.OpdId, opd == null ? null : opd.Code, opd == null ? null : opd.Name, u.Nip, u.Email, u.IsActive, u.PasswordHash != null);

    private static string EscapeLike(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
