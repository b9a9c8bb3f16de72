using IdeaHub.Web.Duplicates;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdeaHub.Web.Pages.Duplicates;

/// <summary>The compare step before submitting: the author sees likely duplicates and confirms or joins.</summary>
public sealed class CompareModel(ProposalReader proposals, Organisation.Caller me) : PageModel
{
    public Proposal Proposal { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var p = await proposals.FindVisibleAsync(id, me, ct);
        if (p is null || (ProposalAccess.RelationOf(p, me) & ProposalAccess.Team) == 0) return NotFound();
        Proposal = p;
        return Page();
    }
}
