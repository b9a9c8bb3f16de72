using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace IdeaHub.Web.Pages.Admin.Users;

public sealed class IndexModel(UserDirectory directory) : AdminPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public PageOf<UserRow> Result { get; private set; } = new([], 0, 1, PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Q?.Length > UserDirectory.QueryMax) Q = Q[..UserDirectory.QueryMax];
        if (Role is not null && !Roles.All.Contains(Role)) Role = null;
        Result = await directory.SearchAsync(Q, Role, PageNumber, PageSize, ct);
    }

    public string Link(int page) => $"/admin/users?q={Uri.EscapeDataString(Q ?? "")}&role={Uri.EscapeDataString(Role ?? "")}&p={page}";
}
