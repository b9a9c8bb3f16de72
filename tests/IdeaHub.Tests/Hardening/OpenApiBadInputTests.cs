using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Proposals;
using Xunit.Abstractions;

namespace IdeaHub.Tests.Hardening;

/// <summary>
/// #11.13, property style: every operation of /openapi/v1.json gets NUL in every string, huge and negative
/// numbers, out-of-range paging and odd path values, as an administrator and as an ASN; none may answer 5xx.
/// Path ids are a real proposal of the ASN (so handlers get past "not found") or a random id.
/// </summary>
public sealed class OpenApiBadInputTests(IdeaHubApp app, ITestOutputHelper output) : IClassFixture<IdeaHubApp>
{
    private static readonly string[] BadStrings = ["a\u0000b", "\u0000", new string('x', 70_000), "'; DROP TABLE proposal; --", "../../etc/passwd", "/\\evil.example"];
    private static readonly string[] BadNumbers = ["2147483647", "-2147483648", "9223372036854775807", "99999999999999999999999", "1e17", "-1", "0"];

    [Fact]
    public async Task No_operation_answers_5xx_to_bad_input()
    {
        using var anonymous = app.CreateClient();
        var doc = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        using var asn = await app.ClientAsAsync("asn.dinkes");
        using var admin = await app.ClientAsAsync("admin");
        var proposal = (await asn.CreateAsync()).Id.ToString();

        var failures = new List<string>();
        var sent = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject())
        {
            if (method is "parameters" or "summary" or "description") continue;
            foreach (var request in Requests(doc, path, method, op!, proposal))
            foreach (var client in new[] { asn, admin, anonymous })
            {
                using var message = request();
                var res = await client.SendAsync(message);
                sent++;
                if ((int)res.StatusCode >= 500)
                    failures.Add($"{(int)res.StatusCode} {message.Method} {message.RequestUri} {Truncate(await res.Content.ReadAsStringAsync())}");
            }
        }
        output.WriteLine($"{sent} requests to {doc["paths"]!.AsObject().Count} paths");
        Assert.True(sent > 500, $"only {sent} requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct().Take(40)));
    }

    private static string Truncate(string s) => s.Length > 300 ? s[..300] : s;

    private static IEnumerable<Func<HttpRequestMessage>> Requests(JsonNode doc, string path, string method, JsonNode op, string proposal)
    {
        var parameters = op["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var pathParams = parameters.Where(p => (string?)p["in"] == "path").ToList();
        var queryParams = parameters.Where(p => (string?)p["in"] == "query").ToList();
        var bodySchema = op["requestBody"]?["content"]?["application/json"]?["schema"];

        string Fill(Func<JsonNode, string> value) =>
            pathParams.Aggregate(path, (p, param) => p.Replace("{" + (string)param["name"]! + "}", Uri.EscapeDataString(value(param)), StringComparison.Ordinal));
        string Normal(JsonNode param) => Kind(doc, param["schema"]) switch
        {
            "uuid" => proposal,
            "integer" or "number" => "1",
            _ => "2024-01",
        };

        // NUL cannot travel in a path: Kestrel (and TestServer) refuse it before the app; a control character can.
        var urls = new List<string> { Fill(Normal), Fill(p => Kind(doc, p["schema"]) == "uuid" ? Guid.NewGuid().ToString() : "a\u0001b") };
        foreach (var n in BadNumbers) urls.Add(Fill(p => Kind(doc, p["schema"]) is "integer" or "number" ? n : Normal(p)));
        if (queryParams.Count > 0)
        {
            var baseUrl = Fill(Normal);
            foreach (var bad in BadNumbers.Concat(BadStrings.Take(2)).Append("/\\evil.example"))
                urls.Add(baseUrl + "?" + string.Join('&', queryParams.Select(q => $"{q["name"]}={Uri.EscapeDataString(bad)}")));
        }

        var bodies = new List<string>();
        string? normalBody = null;
        if (bodySchema is not null)
        {
            normalBody = Example(doc, bodySchema, "x", "1", 0)!.ToJsonString();
            bodies.AddRange(["{}", "[]", "{\"x\":", "null"]);
            foreach (var s in BadStrings) bodies.Add(Example(doc, bodySchema, s, "1", 0)!.ToJsonString());
            foreach (var n in BadNumbers) bodies.Add(Example(doc, bodySchema, "x", n, 0)!.ToJsonString());
        }

        // Each bad URL with a well-formed body, then the well-formed URL with each bad body.
        var verb = new HttpMethod(method.ToUpperInvariant());
        HttpRequestMessage Make(string url, string? body) => new(verb, url)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var url in urls.Distinct()) yield return () => Make(url, normalBody);
        foreach (var body in bodies) yield return () => Make(urls[0], body);
    }

    /// <summary>"uuid", "integer", "number", "string", "boolean", "object", "array" of a schema (following $ref).</summary>
    private static string Kind(JsonNode doc, JsonNode? schema)
    {
        schema = Resolve(doc, schema);
        if (schema is null) return "string";
        if ((string?)schema["format"] == "uuid") return "uuid";
        var type = schema["type"];
        var types = type is JsonArray a ? a.Select(t => (string)t!).ToList() : type is null ? [] : [(string)type!];
        foreach (var t in new[] { "object", "array", "integer", "number", "boolean", "string" })
            if (types.Contains(t)) return t;
        return schema["properties"] is not null ? "object" : "string";
    }

    private static JsonNode? Resolve(JsonNode doc, JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is { } r; i++)
            schema = ((string)r!).TrimStart('#', '/').Split('/').Aggregate((JsonNode?)doc, (n, part) => n?[part]);
        if (schema?["anyOf"] is JsonArray any) return Resolve(doc, any.FirstOrDefault(s => Kind(doc, s) != "null"));
        if (schema?["oneOf"] is JsonArray one) return Resolve(doc, one.FirstOrDefault());
        return schema;
    }

    /// <summary>A value for the schema with every string <paramref name="text"/> and every number <paramref name="number"/>.</summary>
    private static JsonNode? Example(JsonNode doc, JsonNode? schema, string text, string number, int depth)
    {
        if (depth > 6) return null;
        var resolved = Resolve(doc, schema);
        switch (Kind(doc, schema))
        {
            case "object":
                var obj = new JsonObject();
                foreach (var (name, prop) in resolved?["properties"]?.AsObject() ?? [])
                    obj[name] = Example(doc, prop, text, number, depth + 1);
                return obj;
            case "array":
                return new JsonArray(Example(doc, resolved?["items"], text, number, depth + 1));
            case "integer" or "number":
                return JsonNode.Parse(number);
            case "boolean":
                return JsonValue.Create(true);
            case "uuid":
                return JsonValue.Create(Guid.NewGuid());
            default:
                return JsonValue.Create(resolved?["enum"] is JsonArray e && text == "x" ? (string?)e[0] : text);
        }
    }
}
