using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace IdeaHub.Web.Assistant;

/// <summary>
/// A prompt file from prompts/ in Semantic Kernel's prompt-template YAML shape, plus a version. Read with YamlDotNet
/// (as Microsoft.SemanticKernel.Yaml does; that package is not served here) into an SK <see cref="PromptTemplateConfig"/>
/// that SK's own template engine renders.
/// </summary>
public sealed partial class PromptTemplate
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Version { get; set; } = "";
    public string TemplateFormat { get; set; } = "semantic-kernel";
    public string Template { get; set; } = "";
    public List<PromptInputVariable> InputVariables { get; set; } = [];
    public PromptOutputVariable? OutputVariable { get; set; }
    public Dictionary<string, PromptRunSettings> ExecutionSettings { get; set; } = [];

    public PromptRunSettings Settings => ExecutionSettings.GetValueOrDefault("default") ?? new();

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
        if (VariablePattern().Matches(p.Template).Select(m => m.Groups["name"].Value).FirstOrDefault(n => p.InputVariables.All(v => v.Name != n)) is { } undeclared)
            throw new InvalidDataException($"Prompt '{p.Name}' uses undeclared variable '{undeclared}'.");
        p._compiled = new KernelPromptTemplateFactory().Create(p.ToConfig());
        return p;
    }

    private IPromptTemplate? _compiled;

    /// <summary>The file as Semantic Kernel's prompt configuration (execution settings stay ours: see <see cref="Settings"/>).</summary>
    public PromptTemplateConfig ToConfig()
    {
        var config = new PromptTemplateConfig(Template) { Name = Name, Description = Description, TemplateFormat = TemplateFormat };
        foreach (var v in InputVariables)
            config.InputVariables.Add(new InputVariable { Name = v.Name, Description = v.Description, Default = v.Default, IsRequired = v.IsRequired });
        if (OutputVariable is { } o) config.OutputVariable = new OutputVariable { Description = o.Description, JsonSchema = o.JsonSchema };
        return config;
    }

    /// <summary>
    /// Renders with SK's template engine, then reads the chat messages. Values are cut to their declared length and
    /// lose the characters that delimit data (&lt; &gt;), and SK HTML-encodes every value it inserts, so user text can
    /// never open or close a message or a data block; SK does not expand {{$variables}} found inside values.
    /// </summary>
    public async Task<IReadOnlyList<(string Role, string Text)>> RenderAsync(Kernel kernel, IReadOnlyDictionary<string, string> values)
    {
        foreach (var v in InputVariables.Where(v => v.IsRequired && !values.ContainsKey(v.Name)))
            throw new ArgumentException($"Prompt '{Name}' needs variable '{v.Name}'.", nameof(values));
        var arguments = new KernelArguments();
        foreach (var v in InputVariables) arguments[v.Name] = Value(v, values);
        var rendered = await _compiled!.RenderAsync(kernel, arguments);
        var messages = MessagePattern().Matches(rendered)
            .Select(m => (Role: m.Groups["role"].Value, Text: WebUtility.HtmlDecode(m.Groups["body"].Value.Trim()))).ToList();
        if (messages.Count == 0) messages.Add(("user", WebUtility.HtmlDecode(rendered.Trim())));
        return messages;
    }

    private static string Value(PromptInputVariable variable, IReadOnlyDictionary<string, string> values)
    {
        var text = values.GetValueOrDefault(variable.Name) ?? variable.Default ?? "";
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

/// <summary>A prompt file's default execution settings (SK's names), mapped to ChatOptions by the runner.</summary>
public sealed class PromptRunSettings
{
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? MaxTokens { get; set; }
    /// <summary>Context tokens always left for the answer; a longer prompt is trimmed or refused (IdeaHub's key).</summary>
    public int? AnswerReserveTokens { get; set; }
}
