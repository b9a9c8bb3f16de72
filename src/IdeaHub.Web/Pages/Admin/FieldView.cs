namespace IdeaHub.Web.Pages.Admin;

/// <summary>One labelled form field with its error message beside it (partial _Field).</summary>
public sealed record FieldView(string Name, string Label, string? Value, string? Error, int MaxLength = 200, bool Required = false,
    string Type = "text", IReadOnlyList<(string Value, string Text)>? Options = null)
{
    public string Id => "f-" + Name.ToLowerInvariant();
}
