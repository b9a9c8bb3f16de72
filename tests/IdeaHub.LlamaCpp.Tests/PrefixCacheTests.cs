using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp.Tests;

/// <summary>Prefix reuse on stories260K: hit, miss after the key (prompt version) changes, eviction, one prefill per prefix.</summary>
[Collection(StoriesCollection.Name)]
public sealed class PrefixCacheTests(StoriesFixture fx)
{
    private const string System = "Once upon a time there was a little girl named Lily. She loved to play outside in the park with her friends. One day";

    private static ChatMessage[] Messages(string user) => [new(ChatRole.System, System), new(ChatRole.User, user)];

    private static ChatOptions Options(string key, int maxTokens = 24) => new()
    {
        Temperature = 0, MaxOutputTokens = maxTokens, AdditionalProperties = new() { ["prefix_cache_key"] = key },
    };

    private LlamaScheduler Scheduler(int cacheTokens, int parallel = 1) => new(fx.Model, new LlamaSchedulerOptions
    {
        ContextLength = 512, MaxParallelSequences = parallel, Threads = TestPaths.Threads, PrefixCacheTokens = cacheTokens, PrefixCacheSlots = 4,
    });

    [Fact]
    public async Task A_second_run_reuses_the_system_part_and_writes_what_a_run_without_the_cache_writes()
    {
        using var cached = Scheduler(1024);
        using var client = new LlamaChatClient(cached);
        var first = await client.GetResponseAsync(Messages("she saw a big dog."), Options("story@1"));
        Assert.Equal(0, first.Usage!.CachedInputTokenCount);
        var second = await client.GetResponseAsync(Messages("she found a red ball."), Options("story@1"));

        var stats = cached.PrefixCacheStats;
        Assert.Equal((1, 1, 1), (stats.Hits, stats.Misses, stats.Entries));
        Assert.True(second.Usage!.CachedInputTokenCount > 20, $"cached {second.Usage.CachedInputTokenCount}");
        Assert.True(second.Usage.CachedInputTokenCount < second.Usage.InputTokenCount);

        using var plain = new LlamaScheduler(fx.Model, new LlamaSchedulerOptions { ContextLength = 512, MaxParallelSequences = 1, Threads = TestPaths.Threads });
        using var plainClient = new LlamaChatClient(plain);
        var reference = await plainClient.GetResponseAsync(Messages("she found a red ball."), Options("story@1"));
        Assert.Equal(reference.Text, second.Text);
        Assert.Equal(0, reference.Usage!.CachedInputTokenCount);
    }

    [Fact]
    public async Task A_new_prompt_version_misses_and_is_prefilled_again()
    {
        using var scheduler = Scheduler(1024);
        using var client = new LlamaChatClient(scheduler);
        await client.GetResponseAsync(Messages("she saw a big dog."), Options("story@1"));
        var next = await client.GetResponseAsync(Messages("she saw a big dog."), Options("story@2"));
        Assert.Equal(0, next.Usage!.CachedInputTokenCount);
        Assert.Equal((0, 2, 2), (scheduler.PrefixCacheStats.Hits, scheduler.PrefixCacheStats.Misses, scheduler.PrefixCacheStats.Entries));
    }

    [Fact]
    public async Task Over_the_token_limit_the_least_recently_used_prefix_is_evicted()
    {
        using var scheduler = Scheduler(40); // room for one ~30-token prefix
        using var client = new LlamaChatClient(scheduler);
        await client.GetResponseAsync(Messages("she saw a big dog."), Options("a@1"));
        await client.GetResponseAsync(Messages("she saw a big dog."), Options("b@1"));
        var stats = scheduler.PrefixCacheStats;
        Assert.Equal((1, 1), (stats.Evictions, stats.Entries));
        Assert.True(stats.CachedTokens <= 40);
        var again = await client.GetResponseAsync(Messages("she saw a big dog."), Options("a@1"));
        Assert.Equal(0, again.Usage!.CachedInputTokenCount);
        Assert.Equal(2, scheduler.PrefixCacheStats.Evictions);
    }

    [Fact]
    public async Task Concurrent_runs_with_the_same_prefix_prefill_it_once()
    {
        using var scheduler = Scheduler(1024, parallel: 4);
        using var client = new LlamaChatClient(scheduler);
        var runs = Enumerable.Range(0, 4).Select(i => client.GetResponseAsync(Messages($"she saw {i} big dogs."), Options("story@1", 8))).ToList();
        var responses = await Task.WhenAll(runs);
        Assert.Equal((3, 1), (scheduler.PrefixCacheStats.Hits, scheduler.PrefixCacheStats.Misses));
        Assert.Equal(3, responses.Count(r => r.Usage!.CachedInputTokenCount > 0));
    }
}
