using System.Security.Claims;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Reviews;

/// <summary>Who is asking, as far as proposal access is concerned.</summary>
public sealed record Viewer(Guid Id, Guid PemkabId, Guid? OpdId, IReadOnlySet<string> Roles)
{
    public bool Is(string role) => Roles.Contains(role);

    public static Viewer? From(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
        && Guid.TryParse(user.FindFirstValue(IdeaHubClaims.PemkabId), out var pemkab)
            ? new Viewer(id, pemkab, Guid.TryParse(user.FindFirstValue(IdeaHubClaims.OpdId), out var opd) ? opd : null,
                user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet())
            : null;

    /// <summary>The user as the database says now (roles may have changed since the token was issued); null if inactive.</summary>
    public static async Task<Viewer?> LoadAsync(IdeaHubDb db, Guid userId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.PemkabId, u.OpdId }).SingleOrDefaultAsync(ct);
        if (user is null) return null;
        var roles = await db.UserRoles.Where(r => r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
        return new Viewer(user.Id, user.PemkabId, user.OpdId, roles.ToHashSet());
    }
}

/// <summary>
/// Who may see, discuss, review, vote on and decide a proposal. Seeing follows <see cref="ProposalLifecycle.CanView"/>
/// (the one visibility rule). A Kepala OPD neither scores nor votes on their own OPD's proposals: they endorse
/// those in the proposal flow, and scoring them would be judging their own work.
/// </summary>
public static class ProposalAccess
{
    public static bool IsSubmitted(ProposalStatus s) => s is not ProposalStatus.Draft;

    public static bool CanSee(Proposal p, Viewer v) =>
        ProposalLifecycle.CanView(p.Status, ProposalLifecycle.RelationOf(p, v.Id, v.PemkabId, v.OpdId, v.Is));

    public static bool CanComment(Proposal p, Viewer v) =>
        CanSee(p, v) && IsSubmitted(p.Status) && (p.AuthorId == v.Id || v.Is(Roles.KepalaOpd) || v.Is(Roles.Reviewer));

    public static bool IsOpenForReview(ProposalStatus s) => s is ProposalStatus.Submitted or ProposalStatus.InReview;

    public static bool CanReview(Proposal p, Viewer v) =>
        CanSee(p, v) && p.AuthorId != v.Id
        && (v.Is(Roles.Reviewer) || v.Is(Roles.KepalaOpd) && v.OpdId is Guid opd && opd != p.OpdId);

    public static bool IsOpenForVotes(ProposalStatus s) =>
        s is ProposalStatus.Submitted or ProposalStatus.InReview or ProposalStatus.ApprovedForTrial or ProposalStatus.Implemented;

    public static bool CanVote(Proposal p, Viewer v) =>
        CanSee(p, v) && v.Is(Roles.KepalaOpd) && v.OpdId is Guid opd && opd != p.OpdId;
}
