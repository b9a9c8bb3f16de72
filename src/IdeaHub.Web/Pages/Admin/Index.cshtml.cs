using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Pages.Admin;

public sealed class IndexModel(IdeaHubDb db, UserDirectory directory) : AdminPage
{
    public int ActiveOpds { get; private set; }
    public int ActiveUsers { get; private set; }
    public int InactiveUsers { get; private set; }
    public int PendingActivation { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ActiveOpds = await db.Opds.CountAsync(o => o.IsActive, ct);
        ActiveUsers = await directory.Mine.CountAsync(u => u.IsActive, ct);
        InactiveUsers = await directory.Mine.CountAsync(u => !u.IsActive, ct);
        PendingActivation = await directory.Mine.CountAsync(u => u.IsActive && u.PasswordHash == null, ct);
    }
}
