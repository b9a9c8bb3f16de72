using IdeaHub.Web.Catalogue;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Outcomes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Pages.Catalogue;

/// <summary>The innovation catalogue (/catalogue): the same search as GET /api/catalogue, as a GET form.</summary>
public sealed class IndexModel(CatalogueService catalogue, Data.IdeaHubDb db, Caller me, IStringLocalizer<OutcomesText> o) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Opd { get; set; }
    [BindProperty(SupportsGet = true)] public string? Urusan { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    public CataloguePage? Results { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Opds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Opds = (await db.Opds.AsNoTracking().OrderBy(x => x.Name).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
            .Select(x => (x.Id, x.Name)).ToList();
        var (query, errors) = CatalogueApi.Parse(Q, Opd, Urusan, Stage, Status, Year, Outcome, After, 20, o);
        Errors = errors;
        if (query is not null) Results = await catalogue.SearchAsync(query, me, ct);
    }

    /// <summary>This search with another cursor (next page) or none (first page).</summary>
    public string Link(string? after) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["opd"] = Opd?.ToString(), ["urusan"] = Urusan, ["stage"] = Stage, ["status"] = Status,
        ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["outcome"] = Outcome, ["after"] = after,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
