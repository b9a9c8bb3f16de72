using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Pages.Home;
using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdeaHub.Web.Pages;

/// <summary>The home page: for each of the caller's roles, what needs their action now (issue 12.9).</summary>
public sealed class IndexModel(IdeaHubDb db, ProposalReader proposals, Caller me) : PageModel
{
    private readonly HomeLists lists = new(db, proposals, me);

    public List<HomeItem> Drafts { get; private set; } = [];
    public List<HomeItem> Returned { get; private set; } = [];
    public List<HomeItem> Feedback { get; private set; } = [];
    public List<HomeItem> AwaitingEndorsement { get; private set; } = [];
    public List<HomeItem> OpenForVote { get; private set; } = [];
    public List<HomeItem> ReviewQueue { get; private set; } = [];
    public MonthKey Month { get; private set; }
    public List<TopItem>? Top { get; private set; }
    public List<SetupTask>? Tasks { get; private set; }

    public bool Writes => me.OpdId is not null && (me.IsInRole(Roles.Asn) || me.IsInRole(Roles.KepalaOpd));

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!me.IsAuthenticated) return;
        if (Writes)
        {
            Returned = await lists.ReturnedAsync(ct);
            Drafts = await lists.DraftsAsync(ct);
            Feedback = await lists.FeedbackAsync(ct);
        }
        if (me.IsInRole(Roles.KepalaOpd))
        {
            AwaitingEndorsement = await lists.AwaitingEndorsementAsync(ct);
            OpenForVote = await lists.OpenForVoteAsync(ct);
        }
        if (me.IsInRole(Roles.Reviewer)) ReviewQueue = await lists.ReviewQueueAsync(ct);
        if (me.IsInRole(Roles.Bupati)) (Month, Top) = await HomeOverview.TopTenAsync(HttpContext.RequestServices, ct);
        if (me.IsInRole(Roles.Admin)) Tasks = await HomeOverview.SetupTasksAsync(HttpContext.RequestServices, ct);
    }
}
