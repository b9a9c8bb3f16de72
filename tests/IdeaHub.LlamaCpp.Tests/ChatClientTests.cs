using System.Text;
using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp.Tests;

[Collection(StoriesCollection.Name)]
public sealed class ChatClientTests(StoriesFixture fx)
{
    [Fact]
    public async Task Greedy_continuation_is_the_known_story_and_deterministic()
    {
        var first = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), StoriesFixture.Greedy(24));
        var second = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), StoriesFixture.Greedy(24));

        Assert.StartsWith(", there was a little girl named Lily", first.Text, StringComparison.Ordinal);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(24, first.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, first.FinishReason);
    }

    [Fact]
    public async Task Streaming_yields_the_same_text_as_a_full_response()
    {
        var full = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("The cat"), StoriesFixture.Greedy(40));
        var streamed = new StringBuilder();
        var updates = 0;
        await foreach (var u in fx.Client.GetStreamingResponseAsync(StoriesFixture.Prompt("The cat"), StoriesFixture.Greedy(40)))
        {
            streamed.Append(u.Text);
            updates++;
        }

        Assert.Equal(full.Text, streamed.ToString());
        Assert.True(updates > 10, $"expected token-by-token updates, got {updates}");
    }

    [Fact]
    public async Task Stop_sequence_cuts_the_output_before_it()
    {
        var options = StoriesFixture.Greedy(64);
        options.StopSequences = ["Lily"];
        var response = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), options);

        Assert.Equal(", there was a little girl named ", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task Seeded_sampling_repeats_and_differs_from_greedy()
    {
        ChatOptions Sampled(long seed) => new() { Temperature = 1.2f, TopK = 40, TopP = 0.95f, Seed = seed, MaxOutputTokens = 40,
            AdditionalProperties = new() { ["min_p"] = 0.01, ["repeat_penalty"] = 1.1 } };
        var a = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), Sampled(7));
        var b = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), Sampled(7));
        var greedy = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), StoriesFixture.Greedy(40));

        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(greedy.Text, a.Text);
    }

    [Fact]
    public async Task Four_concurrent_requests_each_equal_their_solo_output()
    {
        string[] prompts = ["Once upon a time", "The dog", "Tom and Sue", "One day, a bird"];
        var solo = new List<string>();
        foreach (var p in prompts)
            solo.Add((await fx.Client.GetResponseAsync(StoriesFixture.Prompt(p), StoriesFixture.Greedy(48))).Text);

        var together = await Task.WhenAll(prompts.Select(p => fx.Client.GetResponseAsync(StoriesFixture.Prompt(p), StoriesFixture.Greedy(48))));

        Assert.Equal(solo, together.Select(r => r.Text));
    }
}
