using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Pages.ProposalPages;

public sealed class IndexModel(ProposalService proposals, Caller me) : PageModel
{
    public IReadOnlyList<ProposalSummary> Mine { get; private set; } = [];
    public IReadOnlyList<ProposalSummary> Others { get; private set; } = [];
    public bool CanCreate => me.OpdId is not null && (me.IsInRole(Roles.Asn) || me.IsInRole(Roles.KepalaOpd));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await proposals.Visible().OrderByDescending(p => p.UpdatedAt).Take(300)
            .Select(p => new ProposalSummary(p.Id, p.Title, p.Status.ToString(), p.OpdId, p.AuthorId, p.RevisionNumber, p.UpdatedAt))
            .ToListAsync(ct);
        var team = (await proposals.Visible().Where(ProposalAccess.InTeamOf(me)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        Mine = all.Where(p => team.Contains(p.Id)).ToList();
        Others = all.Where(p => !team.Contains(p.Id)).ToList();
    }
}
