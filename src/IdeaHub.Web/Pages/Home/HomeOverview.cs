using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Pages.Dashboard;
using IdeaHub.Web.Rankings;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Pages.Home;

/// <summary>One of this month's top ten and how its place changed since last month (null: new in the ranking).</summary>
public sealed record TopItem(RankingEntry Entry, int? Moved);

/// <summary>A setup task of the admin's: done or not, what it is (a resource key with one number) and where to do it.</summary>
public sealed record SetupTask(string Key, int Count, string Href, bool Done);

/// <summary>The leadership's and the admin's homes: the month's top ten with its movement, and the setup still to do.</summary>
public static class HomeOverview
{
    public static async Task<(MonthKey Month, List<TopItem> Top)> TopTenAsync(IServiceProvider services, CancellationToken ct)
    {
        var (month, _, _) = await DashboardView.ResolveMonthAsync(services, null, ct);
        var rankings = services.GetRequiredService<RankingService>();
        var now = await rankings.GetAsync(month, 0, 10, ct);
        var before = (await rankings.GetAsync(month.AddMonths(-1), 0, 500, ct)).Items.ToDictionary(e => e.ProposalId, e => e.Rank);
        return (month, now.Items.Select(e => new TopItem(e, before.TryGetValue(e.ProposalId, out var r) ? r - e.Rank : null)).ToList());
    }

    public static async Task<List<SetupTask>> SetupTasksAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<IdeaHubDb>();
        var users = services.GetRequiredService<UserDirectory>().Mine;
        var (_, current, _) = await DashboardView.ResolveMonthAsync(services, null, ct);
        var kepala = db.Roles.Where(r => r.Name == Roles.KepalaOpd).Select(r => r.Id);
        var headless = await db.Opds.CountAsync(o => o.IsActive && !users.Any(u => u.IsActive && u.OpdId == o.Id
            && db.UserRoles.Any(ur => ur.UserId == u.Id && kepala.Contains(ur.RoleId))), ct);
        var pending = await users.CountAsync(u => u.IsActive && u.PasswordHash == null, ct);
        var criteria = await db.Set<RubricCriterion>().Where(c => c.IsActive).Select(c => c.LevelDescriptions).ToListAsync(ct);
        var unexplained = criteria.Count(l => l.Length != 5 || l.Any(string.IsNullOrWhiteSpace));
        var last = current.AddMonths(-1).ToString();
        var lastClosed = await db.Set<MonthClose>().AnyAsync(c => c.Month == last, ct);
        return
        [
            new("Home.Task.Heads", headless, "/admin/opds", headless == 0),
            new("Home.Task.Activation", pending, "/admin/users", pending == 0),
            new("Home.Task.Rubric", criteria.Count, "/admin/rubric", criteria.Count > 0),
            new("Home.Task.Levels", unexplained, "/admin/rubric", unexplained == 0),
            new("Home.Task.CloseMonth", 0, $"/dashboard?month={last}", lastClosed),
        ];
    }
}
