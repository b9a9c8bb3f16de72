using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdeaHub.LlamaCpp.Models;

/// <summary>One recommended model in models/manifest.json; <see cref="Revision"/> is the source revision the size and sha256 belong to.</summary>
public sealed record ModelManifestEntry(
    string Name,
    string File,
    string Role,
    string Licence,
    string SourceUrl,
    int ContextLength,
    long? Size = null,
    string? Sha256 = null,
    string? Notes = null,
    string? Revision = null)
{
    /// <summary>False while the manifest has no pinned hash for this file (it must be verified by hand first).</summary>
    [JsonIgnore] public bool IsPinned => !string.IsNullOrWhiteSpace(Sha256);
}

/// <summary>The models/ manifest: recommended models users install beside the application.</summary>
public sealed record ModelManifest(string? Notes, IReadOnlyList<ModelManifestEntry> Models)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static ModelManifest Load(string path) =>
        JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} is empty.");

    public ModelManifestEntry Find(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No model named '{name}' in the manifest. Known: {string.Join(", ", Models.Select(m => m.Name))}");
}
