using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Reviews;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Pages.Admin;

/// <summary>The admin sets the rubric's names, weights, order and active criteria for their Pemkab.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class RubricModel(IdeaHubDb db, Caller me, IStringLocalizer<ReviewsText> l) : PageModel
{
    public sealed class Item
    {
        public Guid? Id { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public string? Description { get; set; }
        /// <summary>Text, so "1,5" and "1.5" both mean one and a half whatever the request culture.</summary>
        public string? Weight { get; set; } = "1";
        /// <summary>False when absent: an unchecked box is not sent, and unchecked means retired (issue 12.3).</summary>
        public bool IsActive { get; set; }
        public string?[] Levels { get; set; } = new string?[5];
    }

    [BindProperty] public List<Item> Criteria { get; set; } = [];
    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved = false)
    {
        Saved = saved;
        Criteria = (await db.Set<RubricCriterion>().OrderBy(c => c.Position).ToListAsync())
            .Select(c => new Item { Id = c.Id, Code = c.Code, Name = c.Name, NameEn = c.NameEn, Description = c.Description,
                Weight = c.Weight.ToString("0.###", System.Globalization.CultureInfo.CurrentCulture), IsActive = c.IsActive,
                Levels = c.LevelDescriptions.Length == 5 ? c.LevelDescriptions : new string?[5] })
            .ToList();
        Criteria.Add(new Item { IsActive = true, Weight = 1m.ToString(System.Globalization.CultureInfo.CurrentCulture) });
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The blank last row adds a criterion only when it was filled in.
        var items = Criteria.Where(c => c.Id is not null || !string.IsNullOrWhiteSpace(c.Code) || !string.IsNullOrWhiteSpace(c.Name))
            .Select(c => new RubricEditor.CriterionInput(c.Id, c.Code?.Trim(), c.Name, c.NameEn, c.Description, ParseWeight(c.Weight), c.IsActive,
                c.Levels)).ToList();
        ModelState.Clear();
        var errors = await RubricEditor.SaveAsync(db, me.PemkabId!.Value, me.Id, items, l);
        if (errors.Count == 0) return RedirectToPage(new { saved = true });
        foreach (var (key, messages) in errors)
            foreach (var m in messages) ModelState.AddModelError(key, m);
        return Page();
    }

    private static decimal ParseWeight(string? text) =>
        decimal.TryParse(text?.Replace(',', '.'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var w) ? w : 0m;
}
