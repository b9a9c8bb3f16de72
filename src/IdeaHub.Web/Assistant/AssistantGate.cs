using System.Collections.Concurrent;

namespace IdeaHub.Web.Assistant;

/// <summary>
/// Limits concurrent model runs (the CPU is shared) and allows one run per person at a time; a run that cannot
/// start is told the model is busy instead of queueing invisibly.
/// </summary>
public sealed class AssistantGate(int maxConcurrent)
{
    private readonly ConcurrentDictionary<Guid, byte> _users = new();
    private int _running;

    public IDisposable? TryEnter(Guid userId)
    {
        if (!_users.TryAdd(userId, 0)) return null;
        if (Interlocked.Increment(ref _running) > maxConcurrent)
        {
            Interlocked.Decrement(ref _running);
            _users.TryRemove(userId, out _);
            return null;
        }
        return new Lease(this, userId);
    }

    private sealed class Lease(AssistantGate gate, Guid userId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            Interlocked.Decrement(ref gate._running);
            gate._users.TryRemove(userId, out _);
        }
    }
}
