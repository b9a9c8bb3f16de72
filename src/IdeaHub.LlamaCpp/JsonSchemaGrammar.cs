using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// Converts the JSON Schema subset IdeaHub uses (object/properties/required, array/items/maxItems/minItems,
/// string/maxLength, number, integer, boolean, null, enum/const) into a GBNF grammar for llama.cpp's grammar sampler.
/// Every listed property is emitted, in schema order: the output is always valid against the schema and a small
/// model cannot wander. Unsupported keywords throw instead of being silently ignored.
/// </summary>
public static class JsonSchemaGrammar
{
    private const string Primitives = """
        ws ::= " "?
        string-char ::= [^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F])
        string ::= "\"" string-char* "\""
        integer ::= "-"? ([0-9] | [1-9] [0-9]{0,14})
        number ::= integer ("." [0-9]{1,10})? ([eE] [-+]? [0-9]{1,3})?
        boolean ::= "true" | "false"
        null ::= "null"
        value ::= object | array | string | number | boolean | null
        object ::= "{" ws ( string ws ":" ws value ( ws "," ws string ws ":" ws value )* )? ws "}"
        array ::= "[" ws ( value ( ws "," ws value )* )? ws "]"
        """;

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "title", "description", "$schema", "additionalProperties", "default", "examples", "$id", "format",
    };

    /// <summary>A grammar accepting any JSON object (used for JSON mode without a schema).</summary>
    public static string AnyJsonObject => "root ::= object\n" + Primitives + "\n";

    public static string FromSchema(JsonElement schema)
    {
        var rules = new StringBuilder();
        var root = Visit(schema, "root", rules);
        return $"root ::= {root}\n{rules}{Primitives}\n";
    }

    private static string Visit(JsonElement s, string name, StringBuilder rules)
    {
        if (s.ValueKind == JsonValueKind.True) return "value";
        if (s.ValueKind != JsonValueKind.Object) throw new NotSupportedException($"Schema at '{name}' must be an object.");
        foreach (var p in s.EnumerateObject())
            if (!Ignored.Contains(p.Name) && p.Name is not ("type" or "properties" or "required" or "items" or "maxItems" or "minItems" or "maxLength" or "minLength" or "enum" or "const"))
                throw new NotSupportedException($"JSON Schema keyword '{p.Name}' (at '{name}') is not supported by the grammar converter.");

        if (s.TryGetProperty("const", out var c)) return Literal(c);
        if (s.TryGetProperty("enum", out var e)) return "(" + string.Join(" | ", e.EnumerateArray().Select(Literal)) + ")";

        var type = TypeOf(s, name);
        switch (type)
        {
            case "object":
                if (!s.TryGetProperty("properties", out var props) || !props.EnumerateObject().Any()) return "object";
                var parts = new List<string>();
                foreach (var p in props.EnumerateObject())
                {
                    var child = Visit(p.Value, $"{name}-{Sanitize(p.Name)}", rules);
                    parts.Add($"{Quote(JsonSerializer.Serialize(p.Name))} ws \":\" ws {child}");
                }
                return Rule(name, "\"{\" ws " + string.Join(" ws \",\" ws ", parts) + " ws \"}\"", rules);
            case "array":
                var item = s.TryGetProperty("items", out var items) ? Visit(items, name + "-item", rules) : "value";
                var min = Int(s, "minItems") ?? 0;
                var max = Int(s, "maxItems");
                return Rule(name, "\"[\" ws " + Repeat(item, " ws \",\" ws ", min, max) + " ws \"]\"", rules);
            case "string":
                var minLen = Int(s, "minLength") ?? 0;
                var maxLen = Int(s, "maxLength");
                // llama.cpp refuses repetitions of 2000 or more ("exceeds sane defaults"); fail at conversion, not per request.
                if (maxLen > MaxRepetitions || minLen > MaxRepetitions)
                    throw new NotSupportedException($"maxLength/minLength above {MaxRepetitions} (at '{name}') cannot be expressed in llama.cpp's grammar.");
                var body = maxLen is { } ml ? $"string-char{{{minLen},{ml}}}" : minLen > 0 ? $"string-char{{{minLen},}}" : "string-char*";
                return Rule(name, "\"\\\"\" " + body + " \"\\\"\"", rules);
            case "integer": return "integer";
            case "number": return "number";
            case "boolean": return "boolean";
            case "null": return "null";
            default: throw new NotSupportedException($"JSON Schema type '{type}' (at '{name}') is not supported.");
        }
    }

    private static string TypeOf(JsonElement s, string name)
    {
        if (!s.TryGetProperty("type", out var t)) return s.TryGetProperty("properties", out _) ? "object" : "any";
        if (t.ValueKind == JsonValueKind.String) return t.GetString()!;
        // ["string","null"] is how nullable values are commonly written; the first non-null type is produced.
        var types = t.EnumerateArray().Select(x => x.GetString()).Where(x => x != "null").ToList();
        return types.Count == 1 ? types[0]! : throw new NotSupportedException($"Union types at '{name}' are not supported.");
    }

    private const int MaxRepetitions = 1999;

    private static string Repeat(string item, string sep, int min, int? max)
    {
        if (max == 0) return "";
        var first = min > 0 ? item : null;
        var rest = max is { } m ? $"({sep}{item}){{{Math.Max(0, min - 1)},{m - 1}}}" : $"({sep}{item}){{{Math.Max(0, min - 1)},}}";
        return first is null ? $"({item} {rest})?" : $"{item} {rest}";
    }

    private static string Rule(string name, string body, StringBuilder rules)
    {
        if (name == "root") return body;
        rules.Append(name).Append(" ::= ").Append(body).Append('\n');
        return name;
    }

    private static int? Int(JsonElement s, string key) => s.TryGetProperty(key, out var v) ? v.GetInt32() : null;

    private static string Literal(JsonElement v) => Quote(v.GetRawText());

    private static string Quote(string jsonText) =>
        "\"" + jsonText.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Sanitize(string s)
    {
        var sb = new StringBuilder();
        foreach (var ch in s) sb.Append(char.IsAsciiLetterOrDigit(ch) ? char.ToLower(ch, CultureInfo.InvariantCulture) : '-');
        return sb.ToString();
    }
}
