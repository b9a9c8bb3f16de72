using System.Text.RegularExpressions;
using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Reviews;

/// <summary>
/// The admin's rubric changes, validated the same way for the page and the API. Criteria are never deleted (old
/// reviews point at them); they are deactivated, and new reviews then score the active ones only.
/// </summary>
public static partial class RubricEditor
{
    /// <param name="LevelDescriptions">What scores 1..5 mean: five texts, all blank for the generic meaning, or null to keep them.</param>
    public sealed record CriterionInput(Guid? Id, string? Code, string? Name, string? NameEn, string? Description, decimal Weight, bool IsActive,
        string?[]? LevelDescriptions = null);

    public const int MaxLevel = 300;

    public const int MaxName = 100;

    public static Dictionary<string, string[]> Validate(IReadOnlyList<CriterionInput> items, ICollection<Guid> existingIds, IStringLocalizer<ReviewsText> l)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            var c = items[i];
            var list = new List<string>();
            if (c.Id is Guid id && !existingIds.Contains(id)) list.Add(l["Rubric.UnknownCriterion"]);
            if (c.Id is null && !CodePattern().IsMatch(c.Code ?? "")) list.Add(l["Rubric.Code"]);
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Trim().Length > MaxName) list.Add(l["Rubric.Name", MaxName]);
            if ((c.NameEn?.Length ?? 0) > MaxName || (c.Description?.Length ?? 0) > 1000) list.Add(l["Validation.TooLong", MaxName]);
            if (c.LevelDescriptions is { } levels && !LevelsValid(levels)) list.Add(l["Rubric.Levels", MaxLevel]);
            if (c.Weight is <= 0 or > 10 || decimal.Round(c.Weight, 3) != c.Weight) list.Add(l["Rubric.Weight"]);
            if (list.Count > 0) errors[$"criteria[{i}]"] = [.. list];
        }
        if (!items.Any(c => c.IsActive)) errors["criteria"] = [l["Rubric.OneActive"]];
        var codes = items.Where(c => c.Id is null).Select(c => c.Code).ToList();
        if (codes.Count != codes.Distinct(StringComparer.Ordinal).Count()) errors["criteria"] = [l["Rubric.DuplicateCode"]];
        return errors;
    }

    /// <summary>Validates and saves; returns the errors (empty on success).</summary>
    public static async Task<Dictionary<string, string[]>> SaveAsync(IdeaHubDb db, Guid pemkabId, Guid actorId,
        IReadOnlyList<CriterionInput> items, IStringLocalizer<ReviewsText> l)
    {
        var existing = await db.Set<RubricCriterion>().Where(c => c.PemkabId == pemkabId).ToDictionaryAsync(c => c.Id);
        var errors = Validate(items, existing.Keys, l);
        var taken = existing.Values.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (items.Any(c => c.Id is null && taken.Contains(c.Code ?? ""))) errors["criteria"] = [l["Rubric.DuplicateCode"]];
        if (errors.Count > 0) return errors;

        var position = 0;
        foreach (var input in items)
        {
            var c = input.Id is Guid id ? existing[id] : db.Add(new RubricCriterion { PemkabId = pemkabId, Code = input.Code!, Name = "" }).Entity;
            c.Name = input.Name!.Trim();
            c.NameEn = input.NameEn?.Trim() ?? "";
            c.Description = input.Description?.Trim() ?? "";
            c.Weight = input.Weight;
            c.IsActive = input.IsActive;
            if (input.LevelDescriptions is { } levels) c.LevelDescriptions = Levels(levels);
            c.Position = position++;
        }
        db.AddAudit(pemkabId, actorId, "rubric.updated", detail: items.Select(i => new { i.Code, i.Name, i.Weight, i.IsActive }));
        var weightsChanged = db.ChangeTracker.Entries<RubricCriterion>().Any(e => e.Property(c => c.Weight).IsModified);
        await db.SaveChangesAsync();
        // The ranking's per-month sums are weighted; triggers only see review and vote writes, so new weights need a rebuild.
        // Closed months are unaffected: they rank from their frozen snapshots.
        if (weightsChanged)
        {
            var conn = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
            if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync();
            await Rankings.AggregateRebuild.RebuildAsync(conn, pemkabId);
        }
        return errors;
    }

    /// <summary>All five filled in (each at most <see cref="MaxLevel"/> characters), or all blank.</summary>
    private static bool LevelsValid(string?[] levels) =>
        levels.All(string.IsNullOrWhiteSpace)
        || (levels.Length == 5 && levels.All(d => !string.IsNullOrWhiteSpace(d) && d.Trim().Length <= MaxLevel));

    /// <summary>The five texts trimmed, or none when all are blank.</summary>
    private static string[] Levels(string?[] levels) =>
        levels.All(string.IsNullOrWhiteSpace) ? [] : levels.Select(d => d?.Trim() ?? "").ToArray();

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex CodePattern();
}
