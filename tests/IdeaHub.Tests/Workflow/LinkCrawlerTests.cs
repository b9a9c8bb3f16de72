using System.Text.RegularExpressions;
using IdeaHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IdeaHub.Tests.Workflow;

/// <summary>
/// Issue 12.2: every link of every page reachable from the home page, for every demo role, answers with a page (or a
/// file download where one is offered): never 4xx/5xx, never JSON. GET forms (filters, compare) are submitted too.
/// Buttons that change data are walked by the loop walk-through instead, in an order that makes sense.
/// </summary>
public sealed partial class LinkCrawlerTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int PerShape = 2;

    public static TheoryData<string> Roles => new() { "asn.dinkes", "asn.rsud", "kepala.dinkes", "kepala.rsud", "reviewer", "bupati", "admin" };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_link_opens_a_page_for(string user)
    {
        var page = await app.LoginAsync(user);
        var failures = new List<string>();
        var seen = new HashSet<string>();
        var shapes = new Dictionary<string, int>();
        var queue = new Queue<(string Url, string From)>();
        queue.Enqueue(("/", "login"));
        while (queue.Count > 0 && seen.Count < 150)
        {
            var (url, from) = queue.Dequeue();
            if (!seen.Add(url)) continue;
            var shape = Shape(url);
            if (shapes.TryGetValue(shape, out var n) && n >= PerShape) continue;
            shapes[shape] = n + 1;
            var download = IsDownload(url);
            if (download)
            {
                // The PDF report takes seconds to make (longer on a loaded machine): a download gets its own time.
                var res = await page.APIRequest.GetAsync(url, new() { Timeout = 120_000 });
                if (res.Status >= 400) failures.Add($"{url} (from {from}): {res.Status}");
                continue;
            }
            var response = await page.GotoAsync(url);
            if (response is null) continue;
            var type = response.Headers.GetValueOrDefault("content-type", "");
            if (response.Status >= 400) failures.Add($"{url} (from {from}): {response.Status}");
            if (!type.StartsWith("text/html", StringComparison.Ordinal)) { failures.Add($"{url} (from {from}): {type}"); continue; }
            foreach (var next in await LinksAsync(page)) if (!seen.Contains(next)) queue.Enqueue((next, url));
        }
        Assert.True(failures.Count == 0, $"{user}:\n" + string.Join("\n", failures));
        Assert.True(seen.Count > 3, $"{user} reached only {string.Join(", ", seen)}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_missing_or_forbidden_page_is_an_indonesian_page_with_a_way_back()
    {
        var page = await app.LoginAsync("asn.dinkes");
        var missing = await page.GotoAsync($"/proposals/{Guid.NewGuid()}");
        Assert.Equal(404, missing!.Status);
        Assert.StartsWith("text/html", missing.Headers["content-type"]);
        await Assertions.Expect(page.Locator("[data-testid=error-page] h1")).ToHaveTextAsync("Halaman tidak ditemukan");
        await page.ClickAsync("[data-testid=error-home]");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        var admin = await page.GotoAsync("/admin");
        Assert.Equal(403, admin!.Status);
        Assert.Equal(1, await page.Locator("a[href='/']").Last.CountAsync());
        var api = await page.APIRequest.GetAsync($"/api/proposals/{Guid.NewGuid()}");
        Assert.Equal(404, api.Status);
        Assert.Equal("application/problem+json", api.Headers["content-type"]);
        await page.Context.CloseAsync();
    }

    private static bool IsDownload(string url) =>
        url.Contains("/export", StringComparison.Ordinal) || url.Contains("handler=Pdf", StringComparison.Ordinal)
        || url.Contains("handler=Template", StringComparison.Ordinal);

    private static string Shape(string url) => GuidPattern().Replace(MonthPattern().Replace(url, "{month}"), "{id}");

    private static async Task<IEnumerable<string>> LinksAsync(IPage page)
    {
        var links = await page.EvalOnSelectorAllAsync<string[]>("a[href], form[method=get], form:not([method])", """
            els => els.flatMap(e => {
              if (e.tagName === 'A') return [e.href];
              if ((e.getAttribute('method') || 'get').toLowerCase() !== 'get') return [];
              const u = new URL(e.action || location.href); new FormData(e).forEach((v, k) => u.searchParams.set(k, v)); return [u.href];
            })
            """);
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        return links.Where(l => l.StartsWith(origin, StringComparison.Ordinal))
            .Select(l => l[origin.Length..].Split('#')[0])
            .Where(l => l.Length > 0 && !l.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase)
                && !l.StartsWith("/css/", StringComparison.Ordinal) && !l.StartsWith("/js/", StringComparison.Ordinal))
            .Distinct();
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"\d{4}-\d{2}")]
    private static partial Regex MonthPattern();
}
