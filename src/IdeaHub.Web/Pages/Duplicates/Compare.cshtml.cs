using IdeaHub.Web.Duplicates;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Pages.Duplicates;

/// <summary>The compare step before submitting: the author sees likely duplicates and confirms or joins.</summary>
public sealed class CompareModel(Data.IdeaHubDb db, Organisation.CurrentUser me) : PageModel
{
    public Proposal Proposal { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var p = await db.Set<Proposal>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || p.AuthorId != me.Id) return NotFound();
        Proposal = p;
        return Page();
    }
}
