using IdeaHub.Web.Assistant;

namespace IdeaHub.Tests.Proposals;

public sealed class OutputValidationTests
{
    private static readonly System.Text.Json.JsonElement Schema = new PromptLibrary().Get("critique_proposal").OutputSchema;

    [Fact]
    public void A_well_formed_critique_parses_into_suggestions_and_indicators()
    {
        var parsed = AssistantOutput.ParseCritique(ScriptedChatClient.Critique(), Schema);
        Assert.True(parsed.Ok, string.Join("; ", parsed.Errors));
        Assert.Equal(["goals", "benefits"], parsed.Value!.Suggestions.Select(s => s.Field));
        var indicator = Assert.Single(parsed.Value.Indicators).Indicator;
        Assert.Equal((20m, 80m, new DateOnly(2030, 12, 31)), (indicator.Baseline!.Value, indicator.Target!.Value, indicator.TargetDate!.Value));
    }

    [Theory]
    [InlineData("{\"summary\":\"x\",\"suggestions\":[", "not JSON")]
    [InlineData("Tentu! Berikut saran saya.", "not JSON")]
    [InlineData("{\"summary\":\"x\",\"suggestions\":[]}", "$.indicators: required")]
    [InlineData("{\"summary\":\"x\",\"suggestions\":[],\"indicators\":[],\"status\":\"ApprovedForTrial\"}", "$.status: not allowed")]
    [InlineData("{\"summary\":\"x\",\"suggestions\":[{\"field\":\"status\",\"suggestion\":\"Disetujui\",\"reason\":\"-\"}],\"indicators\":[]}", "$.suggestions[0].field: not one of the allowed values")]
    [InlineData("{\"summary\":\"x\",\"suggestions\":[],\"indicators\":[{\"name\":\"a\",\"unit\":\"b\",\"baseline\":\"satu\",\"target\":2,\"targetDate\":\"2030-01-01\",\"reason\":\"c\"}]}", "$.indicators[0].baseline: expected")]
    public void Malformed_or_out_of_schema_output_is_rejected_with_a_reason(string output, string expected)
    {
        var parsed = AssistantOutput.ParseCritique(output, Schema);
        Assert.False(parsed.Ok);
        Assert.Contains(parsed.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Limits_in_the_schema_are_enforced()
    {
        var five = string.Join(",", Enumerable.Repeat("{\"field\":\"goals\",\"suggestion\":\"a\",\"reason\":\"b\"}", 5));
        var parsed = AssistantOutput.ParseCritique($"{{\"summary\":\"x\",\"suggestions\":[{five}],\"indicators\":[]}}", Schema);
        Assert.Contains("$.suggestions: more than 4 items", parsed.Errors);
        var longText = new string('a', 1501);
        parsed = AssistantOutput.ParseCritique($"{{\"summary\":\"x\",\"suggestions\":[{{\"field\":\"goals\",\"suggestion\":\"{longText}\",\"reason\":\"b\"}}],\"indicators\":[]}}", Schema);
        Assert.Contains("$.suggestions[0].suggestion: longer than 1500", parsed.Errors);
    }
}
