using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace IdeaHub.Web.Rankings;

/// <summary>
/// Open months' computed rankings and dashboard figures, per Pemkab and month, in process memory. An entry is tagged
/// with the Pemkab's <c>ranking_version</c> read before it was computed; the database bumps that counter in the
/// commit of every write that matters (migration 0401), and every read asks the database for it first. So a read
/// that starts after a write has committed never gets an entry computed before it, on any instance. One
/// computation at a time per key: concurrent readers of a stale key wait for it and share the result.
/// </summary>
public sealed class LiveMonthCache : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 1_000_000 });
    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private sealed record Entry(long Version, object Value);

    /// <summary>The Pemkab's change counter (0 before its first counted write).</summary>
    public static async Task<long> VersionAsync(IdeaHubDb db, Guid pemkabId, CancellationToken ct) =>
        await db.Database.SqlQuery<long>(
            $"SELECT coalesce((SELECT version FROM ranking_version WHERE pemkab_id = {pemkabId}), 0) AS \"Value\"").SingleAsync(ct);

    /// <param name="key">Must identify the Pemkab, the month and the kind of value.</param>
    /// <param name="version">Read from <see cref="VersionAsync"/> before calling, i.e. before anything is computed.</param>
    /// <param name="size">Rough size (rows held) for the cache's size limit.</param>
    public async Task<T> GetAsync<T>(object key, long version, Func<Task<T>> compute, Func<T, int> size, CancellationToken ct)
        where T : class
    {
        if (Current(key, version) is T hit) return hit;
        var gate = _gates[(key.GetHashCode() & int.MaxValue) % _gates.Length];
        await gate.WaitAsync(ct);
        try
        {
            if (Current(key, version) is T shared) return shared;
            var value = await compute();
            _entries.Set(key, new Entry(version, value), new MemoryCacheEntryOptions
            {
                Size = Math.Max(1, size(value)),
                SlidingExpiration = TimeSpan.FromMinutes(30),
            });
            return value;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A newer entry than asked for is fine: it was computed after the caller's version was read.</summary>
    private object? Current(object key, long version) =>
        _entries.TryGetValue(key, out Entry? e) && e!.Version >= version ? e.Value : null;

    public void Dispose()
    {
        _entries.Dispose();
        foreach (var g in _gates) g.Dispose();
    }
}
