namespace IdeaHub.Web.Rankings;

/// <summary>
/// Chromium prints one report at a time (hundreds of MB while printing); a few more requests may wait for the slot,
/// and beyond that the queue is full and the caller answers 503 with Retry-After instead of waiting unboundedly.
/// </summary>
public sealed class PrintQueue(int waiting = PrintQueue.DefaultWaiting)
{
    public const int DefaultWaiting = 4;
    private readonly SemaphoreSlim _slot = new(1, 1);
    private int _admitted;

    /// <summary>How long a turned-away caller should wait before retrying (about one print).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(15);

    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>The print slot, once it is free; null at once when the slot is taken and <c>waiting</c> callers already wait.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken ct)
    {
        if (Interlocked.Increment(ref _admitted) > waiting + 1)
        {
            Interlocked.Decrement(ref _admitted);
            return null;
        }
        try
        {
            await _slot.WaitAsync(ct);
        }
        catch
        {
            Interlocked.Decrement(ref _admitted);
            throw;
        }
        return new Lease(this);
    }

    private sealed class Lease(PrintQueue queue) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            queue._slot.Release();
            Interlocked.Decrement(ref queue._admitted);
        }
    }
}
