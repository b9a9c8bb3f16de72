using System.Collections.Concurrent;

namespace IdeaHub.Web.Assistant;

/// <summary>Loads the prompt files (repo-root prompts/, embedded in the app) by name, once each.</summary>
public sealed class PromptLibrary
{
    private readonly ConcurrentDictionary<string, PromptTemplate> _cache = new(StringComparer.Ordinal);

    public static IEnumerable<string> Names => typeof(PromptLibrary).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("prompts/", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n["prompts/".Length..^".yaml".Length]);

    public PromptTemplate Get(string name) => _cache.GetOrAdd(name, Load);

    private static PromptTemplate Load(string name)
    {
        using var stream = typeof(PromptLibrary).Assembly.GetManifestResourceStream($"prompts/{name}.yaml")
            ?? throw new KeyNotFoundException($"No prompt named '{name}' in prompts/.");
        using var reader = new StreamReader(stream);
        var prompt = PromptTemplate.Parse(reader.ReadToEnd());
        if (prompt.Name != name) throw new InvalidDataException($"prompts/{name}.yaml declares name '{prompt.Name}'.");
        return prompt;
    }
}
