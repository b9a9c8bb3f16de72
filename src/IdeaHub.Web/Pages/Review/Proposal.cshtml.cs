using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Pages.Review;

/// <summary>A proposal seen by reviewers and heads: the whole proposal beside the rubric and the live feedback panels.</summary>
public sealed class ProposalModel(IdeaHubDb db, ProposalReader proposals, Caller me) : PageModel
{
    public global::IdeaHub.Web.Proposals.Proposal Proposal { get; private set; } = null!;
    public string OpdName { get; private set; } = "";
    public FeedbackPanels Panels { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await proposals.FindVisibleWithContentAsync(id, me) is not { } proposal) return NotFound();
        Proposal = proposal;
        OpdName = await db.Opds.Where(o => o.Id == proposal.OpdId).Select(o => o.Name).SingleAsync();
        Panels = await FeedbackPanels.LoadAsync(db, proposal, me);
        return Page();
    }
}
