using LLama.Native;

namespace IdeaHub.LlamaCpp;

/// <summary>The prompt prefix a request shares with others of its kind (e.g. a prompt file's system part at one version).</summary>
public sealed record PromptPrefix(string Key, string Text);

/// <summary>Counters of the prefix cache since the scheduler started.</summary>
public readonly record struct PrefixCacheStats(int Hits, int Misses, int Evictions, int CachedTokens, int Entries);

/// <summary>
/// KV cells of prompt prefixes kept in sequences of their own (after the generating sequences) of a unified KV cache.
/// A hit copies the prefix's cells into the request's sequence (<c>llama_memory_seq_cp</c> only tags the same cells, so
/// it costs no memory and no compute) and prefill starts after it. At most <see cref="_capacityTokens"/> tokens are kept;
/// the least recently used prefixes are evicted first. Used from the scheduler's worker thread only.
/// </summary>
internal sealed class PrefixCache(SafeLLamaContextHandle context, int firstSeq, int slots, int capacityTokens)
{
    private sealed class Entry(string key, LLamaToken[] tokens, int seq)
    {
        public string Key { get; } = key;
        public LLamaToken[] Tokens { get; } = tokens;
        public int Seq { get; } = seq;
        public long LastUsed { get; set; }
    }

    private readonly int _capacityTokens = capacityTokens;
    private readonly List<Entry> _entries = [];
    private long _clock;
    private int _hits, _misses, _evictions;

    public PrefixCacheStats Stats => new(_hits, _misses, _evictions, _entries.Sum(e => e.Tokens.Length), _entries.Count);

    /// <summary>Shortest prefix worth caching: below this the bookkeeping costs more than the prefill it saves.</summary>
    public const int MinTokens = 8;

    /// <summary>Copies a cached prefix of <paramref name="prompt"/> into <paramref name="seq"/>; returns its length (0 on a miss).</summary>
    public int TryReuse(string key, LLamaToken[] prompt, int seq)
    {
        var e = _entries.Find(x => x.Key == key && x.Tokens.Length < prompt.Length && prompt.AsSpan(0, x.Tokens.Length).SequenceEqual(x.Tokens));
        if (e is null)
        {
            _misses++;
            return 0;
        }
        _hits++;
        e.LastUsed = ++_clock;
        context.MemorySequenceCopy((LLamaSeqId)e.Seq, (LLamaSeqId)seq, 0, e.Tokens.Length);
        return e.Tokens.Length;
    }

    /// <summary>Keeps the first <paramref name="length"/> cells of <paramref name="seq"/> under <paramref name="key"/>, evicting as needed.</summary>
    public void Store(string key, LLamaToken[] prompt, int length, int seq)
    {
        if (length < MinTokens || length > _capacityTokens || _entries.Exists(x => x.Key == key)) return;
        while (_entries.Count > 0 && (_entries.Count >= slots || _entries.Sum(x => x.Tokens.Length) + length > _capacityTokens))
            Evict(_entries.MinBy(x => x.LastUsed)!);
        var free = Enumerable.Range(firstSeq, slots).First(s => _entries.All(x => x.Seq != s));
        context.MemorySequenceCopy((LLamaSeqId)seq, (LLamaSeqId)free, 0, length);
        _entries.Add(new Entry(key, prompt[..length], free) { LastUsed = ++_clock });
    }

    public bool Contains(string key) => _entries.Exists(x => x.Key == key);

    private void Evict(Entry e)
    {
        context.MemorySequenceRemove((LLamaSeqId)e.Seq, -1, -1);
        _entries.Remove(e);
        _evictions++;
    }
}
