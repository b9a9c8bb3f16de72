using IdeaHub.Web.Rankings;

namespace IdeaHub.Tests.Rankings;

public sealed class LiveMonthCacheTests
{
    [Fact]
    public async Task Concurrent_readers_of_a_stale_key_share_one_computation()
    {
        using var cache = new LiveMonthCache();
        var release = new TaskCompletionSource();
        var computed = 0;
        async Task<string> Compute()
        {
            Interlocked.Increment(ref computed);
            await release.Task;
            return "ranking v1";
        }
        var readers = Enumerable.Range(0, 8).Select(_ => cache.GetAsync("kab-tegal/2026-12", 1, Compute, _ => 1, CancellationToken.None)).ToList();
        release.SetResult();
        Assert.All(await Task.WhenAll(readers), v => Assert.Equal("ranking v1", v));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task Only_a_newer_version_recomputes()
    {
        using var cache = new LiveMonthCache();
        Task<string> Get(long version, string value) => cache.GetAsync("k", version, () => Task.FromResult(value), _ => 1, CancellationToken.None);
        Assert.Equal("a", await Get(1, "a"));
        Assert.Equal("a", await Get(1, "b"));
        Assert.Equal("c", await Get(2, "c"));
        // A reader that read the counter before the last write may get the newer entry: it is never older than asked.
        Assert.Equal("c", await Get(1, "d"));
    }

    [Fact]
    public async Task Keys_do_not_share_entries_and_failures_are_not_cached()
    {
        using var cache = new LiveMonthCache();
        Assert.Equal("tegal", await cache.GetAsync(("tegal", "2026-12"), 1, () => Task.FromResult("tegal"), _ => 1, CancellationToken.None));
        Assert.Equal("bintan", await cache.GetAsync(("bintan", "2026-12"), 1, () => Task.FromResult("bintan"), _ => 1, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            cache.GetAsync<string>("broken", 1, () => throw new InvalidOperationException("database down"), _ => 1, CancellationToken.None));
        Assert.Equal("recovered", await cache.GetAsync("broken", 1, () => Task.FromResult("recovered"), _ => 1, CancellationToken.None));
    }
}
