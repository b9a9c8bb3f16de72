using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace IdeaHub.Web.Assistant;

/// <summary>A prompt file from prompts/ in Semantic Kernel's prompt-template YAML shape, plus a version.</summary>
public sealed partial class PromptTemplate
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Version { get; set; } = "";
    public string TemplateFormat { get; set; } = "semantic-kernel";
    public string Template { get; set; } = "";
    public List<PromptInputVariable> InputVariables { get; set; } = [];
    public PromptOutputVariable? OutputVariable { get; set; }
    public Dictionary<string, PromptExecutionSettings> ExecutionSettings { get; set; } = [];

    public PromptExecutionSettings Settings => ExecutionSettings.GetValueOrDefault("default") ?? new();

    /// <summary>The output JSON schema as a parsed element (throws if the file has none).</summary>
    public JsonElement OutputSchema => JsonDocument.Parse(OutputVariable?.JsonSchema
        ?? throw new InvalidOperationException($"Prompt '{Name}' declares no output_variable.json_schema.")).RootElement.Clone();

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static PromptTemplate Parse(string yaml)
    {
        var p = Yaml.Deserialize<PromptTemplate>(yaml) ?? throw new InvalidDataException("Empty prompt file.");
        if (string.IsNullOrWhiteSpace(p.Name) || string.IsNullOrWhiteSpace(p.Version) || string.IsNullOrWhiteSpace(p.Template))
            throw new InvalidDataException("A prompt needs name, version and template.");
        if (p.TemplateFormat != "semantic-kernel")
            throw new InvalidDataException($"Prompt '{p.Name}': only template_format semantic-kernel is supported.");
        return p;
    }

    /// <summary>
    /// Splits the template into chat messages first and only then fills in {{$variables}}, in one pass. User text can
    /// therefore never open or close a message or be read as a variable; delimiter characters are removed from it as well.
    /// </summary>
    public IReadOnlyList<(string Role, string Text)> Render(IReadOnlyDictionary<string, string> values)
    {
        foreach (var v in InputVariables.Where(v => v.IsRequired && !values.ContainsKey(v.Name)))
            throw new ArgumentException($"Prompt '{Name}' needs variable '{v.Name}'.", nameof(values));
        var messages = MessagePattern().Matches(Template)
            .Select(m => (Role: m.Groups["role"].Value, Text: m.Groups["body"].Value.Trim())).ToList();
        if (messages.Count == 0) messages.Add(("user", Template.Trim()));
        return messages.Select(m => (m.Role, VariablePattern().Replace(m.Text, v => Value(v.Groups["name"].Value, values)))).ToList();
    }

    private string Value(string name, IReadOnlyDictionary<string, string> values)
    {
        var variable = InputVariables.FirstOrDefault(v => v.Name == name)
            ?? throw new InvalidDataException($"Prompt '{Name}' uses undeclared variable '{name}'.");
        var text = values.GetValueOrDefault(name) ?? variable.Default ?? "";
        text = AsData(text);
        return variable.MaxLength is int max && text.Length > max ? text[..max] + " […]" : text;
    }

    /// <summary>Removes the characters that delimit the data in the prompt (tags), so data cannot close its own block.</summary>
    public static string AsData(string text) => text.Replace('<', ' ').Replace('>', ' ');

    [GeneratedRegex(@"<message\s+role=""(?<role>system|user|assistant)"">(?<body>.*?)</message>", RegexOptions.Singleline)]
    private static partial Regex MessagePattern();

    [GeneratedRegex(@"\{\{\s*\$(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex VariablePattern();
}

public sealed class PromptInputVariable
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Default { get; set; }
    public bool IsRequired { get; set; } = true;
    /// <summary>Longer values are cut (not an SK key; SK ignores unknown keys).</summary>
    public int? MaxLength { get; set; }
}

public sealed class PromptOutputVariable
{
    public string Description { get; set; } = "";
    public string? JsonSchema { get; set; }
}

public sealed class PromptExecutionSettings
{
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? MaxTokens { get; set; }
}
