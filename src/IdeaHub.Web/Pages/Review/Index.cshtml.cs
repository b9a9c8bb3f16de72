using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Pages.Review;

/// <summary>
/// The review queue (reviewers, Kepala OPD): what is waiting for a decision among the proposals the reader may open;
/// or, for authors, their own submitted proposals with feedback so far.
/// </summary>
[Authorize]
public sealed class IndexModel(IdeaHubDb db, ProposalReader proposals, Caller me) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Opd, ProposalStatus Status, int Reviews, int Comments, bool Reviewed, bool OwnOpd);

    public List<Row> Rows { get; private set; } = [];
    public bool Mine { get; private set; }

    public async Task OnGetAsync(bool mine = false)
    {
        Mine = mine || !(me.IsInRole(Roles.Reviewer) || me.IsInRole(Roles.KepalaOpd));
        var query = (Mine ? proposals.Team(me) : proposals.Visible(me)
                .Where(p => p.Status == ProposalStatus.Submitted || p.Status == ProposalStatus.InReview))
            .Where(p => p.Status != ProposalStatus.Draft);
        Rows = await query.OrderByDescending(p => p.SubmittedAt).Take(200)
            .Join(db.Opds, p => p.OpdId, o => o.Id, (p, o) => new Row(p.Id, p.Title, o.Name, p.Status,
                db.Set<global::IdeaHub.Web.Reviews.Review>().Count(r => r.ProposalId == p.Id),
                db.Set<Comment>().Count(c => c.ProposalId == p.Id),
                db.Set<global::IdeaHub.Web.Reviews.Review>().Any(r => r.ProposalId == p.Id && r.ReviewerId == me.Id),
                p.OpdId == me.OpdId))
            .ToListAsync();
    }
}
