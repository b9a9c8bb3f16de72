using System.Globalization;
using System.Text.Json;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Web.Assistant;

public sealed record FieldSuggestion(string Field, string Suggestion, string Reason);

public sealed record IndicatorSuggestion(IndicatorData Indicator, string Reason);

public sealed record Critique(string Summary, IReadOnlyList<FieldSuggestion> Suggestions, IReadOnlyList<IndicatorSuggestion> Indicators);

/// <summary>Turns model output into typed results, only after it validated against the prompt's schema.</summary>
public static class AssistantOutput
{
    public sealed record Parsed<T>(T? Value, IReadOnlyList<string> Errors)
    {
        public bool Ok => Value is not null;
    }

    public static Parsed<Critique> ParseCritique(string text, JsonElement schema) => Parse(text, schema, root => new Critique(
        root.GetProperty("summary").GetString()!,
        root.GetProperty("suggestions").EnumerateArray()
            .Select(s => new FieldSuggestion(s.GetProperty("field").GetString()!, s.GetProperty("suggestion").GetString()!, s.GetProperty("reason").GetString()!))
            .Where(s => ProposalSnapshot.TextFields.Contains(s.Field) && !string.IsNullOrWhiteSpace(s.Suggestion))
            .ToList(),
        root.GetProperty("indicators").EnumerateArray().Select(i => new IndicatorSuggestion(Indicator(i), i.GetProperty("reason").GetString()!)).ToList()));

    public static Parsed<ProposalSnapshot> ParseDraft(string text, JsonElement schema, ProposalSnapshot start) => Parse(text, schema, root => start with
    {
        Title = Str(root, "title", ProposalInput.MaxTitle),
        Urusan = Urusan.IsValid(root.GetProperty("urusan").GetString()!) ? root.GetProperty("urusan").GetString()! : start.Urusan,
        Problem = Str(root, "problem", ProposalInput.MaxText),
        Design = Str(root, "design", ProposalInput.MaxText),
        Goals = Str(root, "goals", ProposalInput.MaxText),
        Benefits = Str(root, "benefits", ProposalInput.MaxText),
        Results = Str(root, "results", ProposalInput.MaxText),
        Indicators = root.GetProperty("indicators").EnumerateArray().Select(Indicator).Take(ProposalInput.MaxIndicators).ToList(),
    });

    private static Parsed<T> Parse<T>(string text, JsonElement schema, Func<JsonElement, T> read) where T : class
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return new(null, [$"not JSON: {e.Message}"]);
        }
        using (doc)
        {
            var errors = JsonSchemaValidator.Validate(schema, doc.RootElement);
            return errors.Count > 0 ? new(null, errors) : new(read(doc.RootElement), []);
        }
    }

    public static IndicatorData Indicator(JsonElement i) => new(
        Str(i, "name", ProposalInput.MaxShort), Str(i, "unit", ProposalInput.MaxShort),
        Number(i, "baseline"), Number(i, "target"),
        DateOnly.TryParseExact(i.GetProperty("targetDate").GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null);

    private static decimal? Number(JsonElement e, string name) => e.GetProperty(name).TryGetDecimal(out var d) ? d : null;

    private static string Str(JsonElement e, string name, int max)
    {
        var s = e.GetProperty(name).GetString()!.Trim();
        return s.Length > max ? s[..max] : s;
    }
}
