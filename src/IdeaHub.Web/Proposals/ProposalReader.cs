using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Proposals;

/// <summary>
/// Read access to proposals for other features: always with the co-authors the rule needs, and only what
/// <see cref="ProposalAccess"/> lets the caller see. Scoped to the current tenant.
/// </summary>
public sealed class ProposalReader(IdeaHubDb db)
{
    /// <summary>The proposals <paramref name="caller"/> may see, for lists and searches.</summary>
    public IQueryable<Proposal> Visible(Caller caller) =>
        db.Set<Proposal>().AsNoTracking().Where(ProposalAccess.VisibleTo(caller));

    /// <summary>The caller's own proposals (author or co-author).</summary>
    public IQueryable<Proposal> Team(Caller caller) => Visible(caller).Where(ProposalAccess.InTeamOf(caller));

    /// <summary>The proposal with its co-authors, whoever asks: for the rule's questions (e.g. each push recipient).</summary>
    public Task<Proposal?> LoadAsync(Guid id, CancellationToken ct = default) =>
        db.Set<Proposal>().AsNoTracking().Include(p => p.CoAuthors).FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>
    /// The proposal with its co-authors for an event of <paramref name="pemkabId"/>, also where no tenant is set
    /// (background work): the publisher asks the rule about each recipient with it.
    /// </summary>
    public Task<Proposal?> LoadForEventAsync(Guid pemkabId, Guid id, CancellationToken ct = default) =>
        db.Set<Proposal>().IgnoreQueryFilters().AsNoTracking().Include(p => p.CoAuthors)
            .FirstOrDefaultAsync(p => p.Id == id && p.PemkabId == pemkabId, ct);

    /// <summary>The proposal if <paramref name="caller"/> may see it, else null (callers answer 404).</summary>
    public async Task<Proposal?> FindVisibleAsync(Guid id, Caller caller, CancellationToken ct = default) =>
        await LoadAsync(id, ct) is { } p && ProposalAccess.CanSee(p, caller) ? p : null;

    /// <summary>As <see cref="FindVisibleAsync"/>, with the indicators: for pages that show the whole proposal.</summary>
    public async Task<Proposal?> FindVisibleWithContentAsync(Guid id, Caller caller, CancellationToken ct = default) =>
        await db.Set<Proposal>().AsNoTracking().Include(p => p.CoAuthors).Include(p => p.Indicators)
            .FirstOrDefaultAsync(p => p.Id == id, ct) is { } p && ProposalAccess.CanSee(p, caller) ? p : null;
}
