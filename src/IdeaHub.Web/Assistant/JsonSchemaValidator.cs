using System.Text.Json;

namespace IdeaHub.Web.Assistant;

/// <summary>
/// Validates JSON against the schema subset the prompts use (type, properties, required, additionalProperties:false,
/// items, minItems, maxItems, minLength, maxLength, enum, const). Model output is checked with it before anything
/// is stored or applied, whatever the runtime promised about constrained decoding.
/// </summary>
public static class JsonSchemaValidator
{
    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(schema, value, "$", errors);
        return errors;
    }

    private static void Check(JsonElement s, JsonElement v, string path, List<string> errors)
    {
        if (errors.Count > 20) return;
        if (s.TryGetProperty("const", out var c) && !JsonElement.DeepEquals(c, v)) errors.Add($"{path}: must be {c.GetRawText()}");
        if (s.TryGetProperty("enum", out var e) && !e.EnumerateArray().Any(x => JsonElement.DeepEquals(x, v)))
            errors.Add($"{path}: not one of the allowed values");
        if (s.TryGetProperty("type", out var t) && !TypeMatches(t, v))
        {
            errors.Add($"{path}: expected {t.GetRawText()}, got {v.ValueKind}");
            return;
        }
        switch (v.ValueKind)
        {
            case JsonValueKind.Object: Object(s, v, path, errors); break;
            case JsonValueKind.Array: Array(s, v, path, errors); break;
            case JsonValueKind.String:
                var len = v.GetString()!.Length;
                if (Int(s, "maxLength") is int max && len > max) errors.Add($"{path}: longer than {max}");
                if (Int(s, "minLength") is int min && len < min) errors.Add($"{path}: shorter than {min}");
                break;
        }
    }

    private static void Object(JsonElement s, JsonElement v, string path, List<string> errors)
    {
        var props = s.TryGetProperty("properties", out var p) ? p : default;
        if (s.TryGetProperty("required", out var req))
            foreach (var name in req.EnumerateArray().Select(r => r.GetString()!))
                if (!v.TryGetProperty(name, out _)) errors.Add($"{path}.{name}: required");
        var closed = s.TryGetProperty("additionalProperties", out var ap) && ap.ValueKind == JsonValueKind.False;
        foreach (var member in v.EnumerateObject())
        {
            if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(member.Name, out var sub))
                Check(sub, member.Value, $"{path}.{member.Name}", errors);
            else if (closed)
                errors.Add($"{path}.{member.Name}: not allowed");
        }
    }

    private static void Array(JsonElement s, JsonElement v, string path, List<string> errors)
    {
        var n = v.GetArrayLength();
        if (Int(s, "maxItems") is int max && n > max) errors.Add($"{path}: more than {max} items");
        if (Int(s, "minItems") is int min && n < min) errors.Add($"{path}: fewer than {min} items");
        if (!s.TryGetProperty("items", out var items)) return;
        var i = 0;
        foreach (var item in v.EnumerateArray()) Check(items, item, $"{path}[{i++}]", errors);
    }

    private static bool TypeMatches(JsonElement type, JsonElement v) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => Is(t.GetString()!, v))
        : Is(type.GetString()!, v);

    private static bool Is(string type, JsonElement v) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "number" => v.ValueKind == JsonValueKind.Number,
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => v.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static int? Int(JsonElement s, string key) => s.TryGetProperty(key, out var x) ? x.GetInt32() : null;
}
