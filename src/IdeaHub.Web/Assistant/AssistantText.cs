using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Assistant;

/// <summary>Marker for the assistant's UI strings (Resources/Assistant/AssistantText.resx).</summary>
public sealed class AssistantText;

public static class CheckText
{
    public static CheckDto Describe(CheckFinding f, IStringLocalizer<AssistantText> t) =>
        new(f.Field, f.Severity.ToString(), f.Code, t[$"Check.{f.Code}", [FieldName(f.Field, t), .. f.Args]], t[$"Check.{f.Code}.Fix", [FieldName(f.Field, t), .. f.Args]]);

    public static string FieldName(string field, IStringLocalizer<AssistantText> t) =>
        field.StartsWith("indicators[", StringComparison.Ordinal) ? t["Field.indicator"] : t[$"Field.{field}"];
}
