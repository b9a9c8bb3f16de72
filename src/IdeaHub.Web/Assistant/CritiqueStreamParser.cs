using System.Text;
using System.Text.Json;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Web.Assistant;

/// <summary>One piece of a critique that became complete while the answer was still streaming.</summary>
public abstract record CritiquePart;

public sealed record SummaryPart(string Summary) : CritiquePart;

public sealed record FieldPart(FieldSuggestion Suggestion) : CritiquePart;

public sealed record IndicatorPart(IndicatorSuggestion Indicator) : CritiquePart;

/// <summary>A complete element that broke the schema: it is never shown or stored.</summary>
public sealed record RejectedPart(string Path, IReadOnlyList<string> Errors) : CritiquePart;

/// <summary>
/// Reads a critique answer as it streams: the summary as soon as its string closes and each suggestion or indicator as
/// soon as its object closes, each validated against its part of the prompt's schema, so the panel can show it while
/// the model writes the rest. Scans characters once (strings, escapes, nesting); never throws on malformed input —
/// the whole answer is still validated at the end (<see cref="Finish"/>).
/// </summary>
public sealed class CritiqueStreamParser(JsonElement schema)
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<string, int> _counts = [];
    private int _depth;
    private bool _inString, _escape, _expectKey;
    private string? _key;
    private int _keyStart = -1, _valueStart = -1;

    public string Text => _text.ToString();

    public IReadOnlyList<CritiquePart> Push(string chunk)
    {
        var parts = new List<CritiquePart>();
        foreach (var c in chunk)
        {
            var at = _text.Length;
            _text.Append(c);
            if (_inString)
            {
                if (_escape) _escape = false;
                else if (c == '\\') _escape = true;
                else if (c == '"') StringClosed(at, parts);
                continue;
            }
            switch (c)
            {
                case '"':
                    _inString = true;
                    if (_depth == 1 && _expectKey) _keyStart = at;
                    else if (_depth == 1 && _key == "summary") _valueStart = at;
                    break;
                case ':' when _depth == 1: _expectKey = false; break;
                case ',' when _depth == 1: _expectKey = true; break;
                case '{' or '[':
                    _depth++;
                    if (_depth == 1) _expectKey = true;
                    if (_depth == 3 && c == '{' && _key is "suggestions" or "indicators") _valueStart = at;
                    break;
                case '}' or ']':
                    if (_depth == 3 && c == '}' && _valueStart >= 0 && _key is "suggestions" or "indicators"
                        && Item(_key!, _text.ToString(_valueStart, at + 1 - _valueStart)) is { } part)
                        parts.Add(part);
                    _depth--;
                    break;
            }
        }
        return parts;
    }

    /// <summary>The whole answer, validated as one document (the same rules that decide whether the run succeeded).</summary>
    public AssistantOutput.Parsed<Critique> Finish() => AssistantOutput.ParseCritique(Text, schema);

    private void StringClosed(int at, List<CritiquePart> parts)
    {
        _inString = false;
        if (_depth != 1) return;
        if (_keyStart >= 0)
        {
            _key = Decode(_text.ToString(_keyStart, at + 1 - _keyStart));
            _keyStart = -1;
        }
        else if (_valueStart >= 0 && _key == "summary")
        {
            var raw = _text.ToString(_valueStart, at + 1 - _valueStart);
            _valueStart = -1;
            var errors = Validate(Property("summary"), raw);
            parts.Add(errors.Count > 0 ? new RejectedPart("$.summary", errors) : new SummaryPart(Decode(raw) ?? ""));
        }
    }

    /// <summary>The element as a part; null for a valid but empty suggestion, which is dropped as the whole-answer parse drops it.</summary>
    private CritiquePart? Item(string array, string raw)
    {
        _valueStart = -1;
        var n = _counts[array] = _counts.GetValueOrDefault(array) + 1;
        var path = $"$.{array}[{n - 1}]";
        var arraySchema = Property(array);
        if (arraySchema.TryGetProperty("maxItems", out var max) && n > max.GetInt32()) return new RejectedPart(path, [$"more than {max.GetInt32()} items"]);
        var errors = Validate(arraySchema.GetProperty("items"), raw);
        if (errors.Count > 0) return new RejectedPart(path, errors);
        using var doc = JsonDocument.Parse(raw);
        var e = doc.RootElement;
        if (array == "indicators") return new IndicatorPart(new(AssistantOutput.Indicator(e), e.GetProperty("reason").GetString()!));
        var s = new FieldSuggestion(e.GetProperty("field").GetString()!, e.GetProperty("suggestion").GetString()!, e.GetProperty("reason").GetString()!);
        return ProposalSnapshot.TextFields.Contains(s.Field) && !string.IsNullOrWhiteSpace(s.Suggestion)
            ? new FieldPart(s) : null;
    }

    private JsonElement Property(string name) => schema.GetProperty("properties").GetProperty(name);

    private static List<string> Validate(JsonElement partSchema, string raw)
    {
        try
        {
            using var doc = JsonDocument.Parse(raw);
            return [.. JsonSchemaValidator.Validate(partSchema, doc.RootElement)];
        }
        catch (JsonException e)
        {
            return [$"not JSON: {e.Message}"];
        }
    }

    private static string? Decode(string rawString)
    {
        try { return JsonSerializer.Deserialize<string>(rawString); }
        catch (JsonException) { return null; }
    }
}
