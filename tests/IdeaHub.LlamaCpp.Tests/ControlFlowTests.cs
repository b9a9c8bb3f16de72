using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp.Tests;

[Collection(StoriesCollection.Name)]
public sealed class ControlFlowTests(StoriesFixture fx)
{
    [Fact]
    public async Task Cancelling_stops_the_stream_and_frees_the_sequence()
    {
        using var cts = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in fx.Client.GetStreamingResponseAsync(StoriesFixture.Prompt("Once upon a time"), StoriesFixture.Greedy(400), cts.Token))
                if (++received == 5) await cts.CancelAsync();
        });
        Assert.Equal(5, received);

        // All four sequences must be usable again: a leaked slot would make one of these wait forever.
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), StoriesFixture.Greedy(8))).ToArray())
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(again, r => Assert.StartsWith(", there was", r.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Abandoning_a_stream_early_releases_its_sequence()
    {
        for (var i = 0; i < 6; i++)
            await foreach (var _ in fx.Client.GetStreamingResponseAsync(StoriesFixture.Prompt("The sun"), StoriesFixture.Greedy(400)))
                break;

        var r = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), StoriesFixture.Greedy(8)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith(", there was", r.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_timeout_gives_a_timeout_error()
    {
        var options = StoriesFixture.Greedy(480);
        options.AdditionalProperties = new() { ["timeout"] = TimeSpan.FromMilliseconds(2) };
        await Assert.ThrowsAsync<LlamaTimeoutException>(() => fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), options));
    }

    [Fact]
    public async Task Prompt_longer_than_the_context_is_a_clear_error()
    {
        var longPrompt = string.Concat(Enumerable.Repeat("The little dog ran to the park. ", 200));
        var ex = await Assert.ThrowsAsync<LlamaContextOverflowException>(() =>
            fx.Client.GetResponseAsync(StoriesFixture.Prompt(longPrompt), StoriesFixture.Greedy(8)));
        Assert.Equal(512, ex.ContextTokens);
        Assert.True(ex.PromptTokens > 512);
    }

    [Fact]
    public async Task A_full_queue_rejects_and_waiting_requests_run_in_order()
    {
        using var scheduler = new LlamaScheduler(fx.Model, new LlamaSchedulerOptions { ContextLength = 512, MaxParallelSequences = 1, QueueCapacity = 1, Threads = TestPaths.Threads });
        var greedy = new LlamaSamplingOptions { MaxTokens = 200 };
        await using var running = scheduler.GenerateAsync("Once upon a time", false, greedy).GetAsyncEnumerator();
        Assert.True(await running.MoveNextAsync()); // the only sequence is now busy
        var queued = scheduler.GenerateAsync("The dog", false, greedy with { MaxTokens = 4 });

        Assert.Throws<LlamaQueueFullException>(() => scheduler.GenerateAsync("The cat", false, greedy));

        var order = new List<string>();
        var queuedTask = Task.Run(async () => { await foreach (var _ in queued) { } order.Add("queued"); });
        while (await running.MoveNextAsync()) { }
        order.Add("running");
        await queuedTask.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["running", "queued"], order);
    }
}
