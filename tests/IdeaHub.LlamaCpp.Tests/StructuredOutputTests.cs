using System.Text.Json;
using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp.Tests;

[Collection(StoriesCollection.Name)]
public sealed class StructuredOutputTests(StoriesFixture fx)
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "title": { "type": "string", "maxLength": 24 },
            "score": { "type": "integer" },
            "ratio": { "type": "number" },
            "approved": { "type": "boolean" },
            "category": { "enum": ["road", "health", "school"] },
            "tags": { "type": "array", "items": { "type": "string", "maxLength": 8 }, "maxItems": 3 }
          },
          "required": ["title", "score", "ratio", "approved", "category", "tags"]
        }
        """;

    [Fact]
    public async Task Json_schema_output_parses_and_has_the_requested_shape()
    {
        var options = StoriesFixture.Greedy(300);
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(Schema).RootElement, "proposal");

        var response = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), options);

        using var doc = JsonDocument.Parse(response.Text);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("title").GetString()!.Length <= 24);
        root.GetProperty("score").GetInt64();
        root.GetProperty("ratio").GetDouble();
        Assert.Contains(root.GetProperty("approved").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.Contains(root.GetProperty("category").GetString(), new[] { "road", "health", "school" });
        var tags = root.GetProperty("tags");
        Assert.True(tags.GetArrayLength() <= 3);
        Assert.All(tags.EnumerateArray(), t => Assert.True(t.GetString()!.Length <= 8));
    }

    [Fact]
    public async Task Json_mode_without_schema_returns_a_json_object()
    {
        var options = StoriesFixture.Greedy(120);
        options.ResponseFormat = ChatResponseFormat.Json;
        options.StopSequences = null;
        var response = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), options);

        if (response.FinishReason == ChatFinishReason.Stop)
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(response.Text).RootElement.ValueKind);
        else
            Assert.StartsWith("{", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_schema_keywords_are_rejected_not_ignored()
    {
        var schema = JsonDocument.Parse("""{ "type": "string", "pattern": "^a+$" }""").RootElement;
        Assert.Throws<NotSupportedException>(() => JsonSchemaGrammar.FromSchema(schema));
    }

    [Fact]
    public void Invalid_grammar_is_an_argument_error_before_anything_runs()
    {
        var options = new LlamaSamplingOptions { Grammar = "root ::= (" };
        Assert.Throws<ArgumentException>(() => fx.Scheduler.GenerateAsync("x", false, options));
    }
}
