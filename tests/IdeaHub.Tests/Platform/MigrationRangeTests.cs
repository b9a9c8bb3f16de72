using System.Text.RegularExpressions;

namespace IdeaHub.Tests.Platform;

/// <summary>
/// Every migration file's number lies in its feature's range and is unique. The ranges are read from the table in
/// docs/architecture.md, so the map and the files cannot drift apart.
/// </summary>
public sealed partial class MigrationRangeTests
{
    [GeneratedRegex(@"^\|\s*(\d{4})-(\d{4})\s*\|\s*([^|]+)\|", RegexOptions.Multiline)]
    private static partial Regex RangeRow();

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex FileName();

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IdeaHub.sln"))) return dir.FullName;
        throw new InvalidOperationException("No IdeaHub.sln above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_migration_number_is_unique_and_inside_its_features_range()
    {
        var root = Root();
        var ranges = RangeRow().Matches(File.ReadAllText(Path.Combine(root, "docs", "architecture.md")))
            .SelectMany(m => m.Groups[3].Value.Split(',', StringSplitOptions.TrimEntries)
                .Where(f => f.Length > 0)
                .Select(f => (Feature: f, From: int.Parse(m.Groups[1].Value), To: int.Parse(m.Groups[2].Value))))
            .ToDictionary(r => r.Feature, r => (r.From, r.To));
        Assert.True(ranges.Count >= 8, "docs/architecture.md lists too few migration ranges");

        var failures = new List<string>();
        var seen = new Dictionary<int, string>();
        var web = Path.Combine(root, "src", "IdeaHub.Web");
        var files = Directory.GetDirectories(web).Select(d => Path.Combine(d, "Migrations")).Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.sql")).ToList();
        Assert.True(files.Count >= 10, $"only {files.Count} migration files found");
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var feature = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(file)))!;
            if (FileName().Match(name) is not { Success: true } m)
            {
                failures.Add($"{feature}/{name}: not NNNN_name.sql");
                continue;
            }
            var number = int.Parse(m.Groups[1].Value);
            if (!ranges.TryGetValue(feature, out var range))
                failures.Add($"{feature}/{name}: feature has no range in docs/architecture.md");
            else if (number < range.From || number > range.To)
                failures.Add($"{feature}/{name}: outside {range.From:0000}-{range.To:0000}");
            if (!seen.TryAdd(number, $"{feature}/{name}"))
                failures.Add($"{feature}/{name}: number also used by {seen[number]}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
