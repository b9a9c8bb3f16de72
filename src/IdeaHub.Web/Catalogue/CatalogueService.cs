using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Outcomes;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Catalogue;

/// <summary>
/// Every innovation the reader may see: their Pemkab's through <see cref="ProposalAccess.VisibleTo"/>, other Pemkabs'
/// public ones through <see cref="ProposalAccess.PriorArtTo"/>. Words match the stored <c>search_tsv</c> (GIN index,
/// <c>indonesian</c> configuration); pages are keyset on (created_at, id), so page 500 costs what page 1 does.
/// </summary>
public sealed class CatalogueService(IdeaHubDb db)
{
    public async Task<CataloguePage> SearchAsync(CatalogueQuery q, Caller me, CancellationToken ct = default)
    {
        var own = Filter(Base(q.Q, false).Where(ProposalAccess.VisibleTo(me)), q);
        var rows = q.OtherPemkabs ? own.Concat(Filter(Base(q.Q, true).Where(ProposalAccess.PriorArtTo(me)), q)) : own;
        var page = await rows.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(q.Limit + 1)
            .Select(p => new
            {
                p.Id, p.Title, p.PemkabId, p.OpdId, p.Urusan, p.Stage, p.Status, p.CreatedAt,
                Excerpt = p.Design.Substring(0, 240),
                Outcome = db.Set<ProposalOutcome>().Where(o => o.ProposalId == p.Id).Select(o => (OutcomeState?)o.State).FirstOrDefault(),
            }).ToListAsync(ct);
        var more = page.Count > q.Limit;
        if (more) page.RemoveAt(page.Count - 1);
        var opdIds = page.Select(p => p.OpdId).Distinct().ToList();
        var opds = await db.Opds.IgnoreQueryFilters().Where(o => opdIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var pemkabIds = page.Select(p => p.PemkabId).Distinct().ToList();
        var pemkabs = await db.Pemkabs.IgnoreQueryFilters().Where(k => pemkabIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, ct);
        var items = page.Select(p => new CatalogueItem(p.Id, p.Title, pemkabs.GetValueOrDefault(p.PemkabId, ""), opds.GetValueOrDefault(p.OpdId, ""),
            p.Urusan, p.Stage, p.Status, p.CreatedAt.Year, p.Outcome, p.PemkabId != me.PemkabId, p.Excerpt)).ToList();
        return new CataloguePage(items, more ? new CatalogueCursor(page[^1].CreatedAt, page[^1].Id).ToString() : null);
    }

    /// <summary>Words go to websearch_to_tsquery (quotes, OR and -word work as on a search engine).</summary>
    private IQueryable<Proposal> Base(string? words, bool otherPemkabs)
    {
        var set = string.IsNullOrWhiteSpace(words)
            ? db.Set<Proposal>()
            : db.Set<Proposal>().FromSql($"SELECT * FROM proposal WHERE search_tsv @@ websearch_to_tsquery('indonesian', {words})");
        return (otherPemkabs ? set.IgnoreQueryFilters() : set).AsNoTracking();
    }

    private IQueryable<Proposal> Filter(IQueryable<Proposal> rows, CatalogueQuery q)
    {
        if (q.Opd is Guid opd) rows = rows.Where(p => p.OpdId == opd);
        if (!string.IsNullOrEmpty(q.Urusan)) rows = rows.Where(p => p.Urusan == q.Urusan);
        if (q.Stage is { } stage) rows = rows.Where(p => p.Stage == stage);
        if (q.Status is { } status) rows = rows.Where(p => p.Status == status);
        if (q.Year is int year)
        {
            var (from, to) = (new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero));
            rows = rows.Where(p => p.CreatedAt >= from && p.CreatedAt < to);
        }
        if (q.Outcome is { } state) rows = rows.Where(p => db.Set<ProposalOutcome>().Any(o => o.ProposalId == p.Id && o.State == state));
        if (q.After is { } after)
            rows = rows.Where(p => p.CreatedAt < after.CreatedAt || (p.CreatedAt == after.CreatedAt && p.Id.CompareTo(after.Id) < 0));
        return rows;
    }
}
