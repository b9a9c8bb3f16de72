using System.Runtime.CompilerServices;
using LLama.Exceptions;
using LLama.Native;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// Runs every generation request for one model through ONE context with several sequences. A single worker thread
/// decodes one batch per step holding the next token of each generating sequence plus prompt chunks of sequences
/// still prefilling (continuous batching), so requests join and leave between steps without waiting for each other.
/// Built on LLamaSharp's context, batch and sampler types. Kept instead of LLamaSharp's <c>BatchedExecutor</c> because
/// it is measurably faster here: 99.0 vs 71.9 tok/s for one stream (StatelessExecutor) and 149.9 vs 143.1 tok/s for
/// four (BatchedExecutor), same machine and model (docs/benchmarks.md); it also gives per-request sampler chains,
/// a bounded queue and cancellation between any two tokens.
/// </summary>
public sealed class LlamaScheduler : IDisposable
{
    private readonly LlamaModel _model;
    private readonly LlamaSchedulerOptions _options;
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();
    private readonly int _batchCapacity;
    private readonly Queue<GenerationRequest> _queue = new();
    private readonly GenerationRequest?[] _slots;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _worker;
    private volatile bool _disposed;
    private readonly PrefixCache? _cache;

    public LlamaScheduler(LlamaModel model, LlamaSchedulerOptions? options = null)
    {
        _options = options ?? new LlamaSchedulerOptions();
        if (model.IsEncoderOnly)
            throw new LlamaModelRoleException($"'{model.Path}' is a '{model.Architecture}' encoder model; it can embed but not generate text.");
        _model = model;
        var perSeq = ContextSizing.PerSequence(model, _options);
        var caching = _options.PrefixCacheTokens > 0 && _options.PrefixCacheSlots > 0;
        var cp = LLamaContextParams.Default();
        cp.n_seq_max = (uint)(_options.MaxParallelSequences + (caching ? _options.PrefixCacheSlots : 0));
        cp.n_ctx = (uint)(perSeq * _options.MaxParallelSequences + (caching ? _options.PrefixCacheTokens : 0));
        // Prefix reuse needs one cell pool shared by all sequences, so a copied prefix is the same cells, not a copy.
        cp.kv_unified = caching;
        cp.n_batch = cp.n_ubatch = (uint)_options.BatchSize;
        cp.n_threads = cp.n_threads_batch = _options.EffectiveThreads;
        cp.no_perf = true;
        try { _context = SafeLLamaContextHandle.Create(model.Handle, cp); }
        catch (RuntimeError ex) { throw new LlamaException("llama.cpp could not create a context (out of memory or invalid sizes; see the log).", ex); }
        // Without a unified KV cache each sequence gets an equal share of the context; with one, the pool is sized so
        // that every generating sequence can reach perSeq cells beside the cached prefixes.
        ContextPerSequence = caching ? perSeq : (int)(_context.ContextSize / _context.MaxSeq);
        if (caching) _cache = new PrefixCache(_context, _options.MaxParallelSequences, _options.PrefixCacheSlots, _options.PrefixCacheTokens);
        _batchCapacity = _options.BatchSize;
        _slots = new GenerationRequest?[_options.MaxParallelSequences];
        _worker = new Thread(Run) { IsBackground = true, Name = "llama-scheduler" };
        _worker.Start();
    }

    public LlamaModel Model => _model;
    public int ContextPerSequence { get; }

    public PrefixCacheStats PrefixCacheStats
    {
        get { lock (_lock) return _cache?.Stats ?? default; }
    }

    /// <summary>Streams the generation for an already formatted prompt. Throws before streaming when it cannot run.</summary>
    /// <remarks>
    /// With a <paramref name="prefix"/> (and prefix caching on), the tokens the prompt shares with the prefix's text are
    /// taken from the cache when present, and cached after this request's prefill when not.
    /// </remarks>
    public IAsyncEnumerable<LlamaGenerationChunk> GenerateAsync(string prompt, bool parseSpecial, LlamaSamplingOptions options,
        CancellationToken cancellationToken = default, PromptPrefix? prefix = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var tokens = _model.Tokenize(prompt, addSpecial: true, parseSpecial);
        if (tokens.Length + 1 > ContextPerSequence) throw new LlamaContextOverflowException(tokens.Length, ContextPerSequence);
        var shared = prefix is null || _cache is null ? 0 : CommonLength(tokens, _model.Tokenize(prefix.Text, addSpecial: true, parseSpecial));
        var request = new GenerationRequest(tokens, options with { }, cancellationToken)
        {
            PrefixKey = shared >= PrefixCache.MinTokens ? prefix!.Key : null, PrefixLength = Math.Min(shared, tokens.Length - 1),
        };
        if (options.Grammar is not null) request.Sampler = SamplerChain.Create(_model, options); // parse errors surface here
        lock (_lock)
        {
            if (_queue.Count >= _options.QueueCapacity)
            {
                request.Dispose();
                throw new LlamaQueueFullException(_options.QueueCapacity);
            }
            _queue.Enqueue(request);
        }
        request.Lifetime.Token.Register(Wake);
        Wake();
        return Read(request, cancellationToken);
    }

    private static async IAsyncEnumerable<LlamaGenerationChunk> Read(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in request.Output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Chunks already buffered must not outlive a cancellation either.
                cancellationToken.ThrowIfCancellationRequested();
                yield return chunk;
            }
        }
        finally
        {
            // A consumer that stops reading releases its sequence at the worker's next step.
            if (!request.Output.Reader.Completion.IsCompleted) request.Abandon();
        }
    }

    private void Wake()
    {
        try { _wake.Release(); }
        catch (ObjectDisposedException) { } // the worker is gone; nothing left to wake
    }

    private void Run()
    {
        while (!_disposed)
        {
            try
            {
                Admit();
                if (!Step()) _wake.Wait();
            }
            catch (Exception ex)
            {
                // An escaped exception would kill the process from this thread; fail the running requests instead.
                for (var i = 0; i < _slots.Length; i++)
                    if (_slots[i] is { } r) Release(i, () => r.Fail(ex));
            }
        }
        lock (_lock)
        {
            foreach (var r in _queue) Finish(r, new ObjectDisposedException(nameof(LlamaScheduler)));
            _queue.Clear();
        }
        for (var i = 0; i < _slots.Length; i++)
            if (_slots[i] is { } r) Release(i, () => r.Fail(new ObjectDisposedException(nameof(LlamaScheduler))));
    }

    private void Admit()
    {
        lock (_lock)
        {
            for (var i = 0; i < _slots.Length && _queue.Count > 0; i++)
            {
                if (_slots[i] is not null) continue;
                // A prefix another request is prefilling right now is waited for: prefill is never done twice for it.
                if (_queue.Peek() is { PrefixKey: { } key } next && !next.Lifetime.IsCancellationRequested
                    && _slots.Any(s => s is { StorePrefix: true } && s.PrefixKey == key)) break;
                var r = _queue.Dequeue();
                if (r.Lifetime.IsCancellationRequested) { Finish(r, null); i--; continue; }
                r.SeqId = i;
                r.Sampler ??= SamplerChain.Create(_model, r.Options);
                if (_cache is not null && r.PrefixKey is not null)
                {
                    r.CachedTokens = r.PromptCursor = r.Position = _cache.TryReuse(r.PrefixKey, r.Prompt, i);
                    r.StorePrefix = r.CachedTokens == 0;
                }
                _slots[i] = r;
            }
            // Cancelled requests still waiting behind a full set of slots are failed now, not when admitted.
            if (_queue.Any(r => r.Lifetime.IsCancellationRequested))
            {
                var keep = _queue.Where(r => !r.Lifetime.IsCancellationRequested).ToList();
                foreach (var r in _queue.Except(keep)) Finish(r, null);
                _queue.Clear();
                foreach (var r in keep) _queue.Enqueue(r);
            }
        }
    }

    /// <summary>Builds and decodes one batch; false when there was nothing to do.</summary>
    private bool Step()
    {
        _batch.Clear();
        var budget = _batchCapacity;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is not { } r) continue;
            r.BatchIndex = -1;
            if (r.Lifetime.IsCancellationRequested) { Release(i, () => r.Fail()); continue; }
            if (r.Prefilling || budget == 0) continue;
            r.BatchIndex = _batch.Add(r.LastToken, r.Position++, (LLamaSeqId)r.SeqId, logits: true);
            budget--;
        }
        for (var i = 0; i < _slots.Length && budget > 0; i++)
        {
            if (_slots[i] is not { Prefilling: true } r) continue;
            var take = Math.Min(budget, r.Prompt.Length - r.PromptCursor);
            for (var k = 0; k < take; k++)
            {
                var last = r.PromptCursor + 1 == r.Prompt.Length;
                var index = _batch.Add(r.Prompt[r.PromptCursor++], r.Position++, (LLamaSeqId)r.SeqId, logits: last);
                if (last) r.BatchIndex = index;
            }
            budget -= take;
        }
        if (_batch.TokenCount == 0) return false;

        // LLamaSharp holds one process-wide lock around every decode, so chat and embeddings never oversubscribe the cores.
        var rc = _context.Decode(_batch);
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is not { } r) continue;
            if (rc != DecodeResult.Ok) { Release(i, () => r.Fail(new LlamaException($"llama_decode failed with status {rc}."))); continue; }
            if (r is { StorePrefix: true } && r.PromptCursor >= r.PrefixLength)
            {
                lock (_lock) _cache!.Store(r.PrefixKey!, r.Prompt, r.PrefixLength, r.SeqId);
                r.StorePrefix = false;
            }
            if (r.BatchIndex < 0) continue;
            var token = r.Sampler!.Sample(_context, r.BatchIndex);
            if (r.Accept(_model, token, ContextPerSequence) is { } reason) Release(i, () => r.Complete(reason));
        }
        return true;
    }

    private static int CommonLength(LLamaToken[] a, LLamaToken[] b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    /// <summary>Frees the slot's KV cells and sampler before telling the consumer, so a follow-up request finds them free.</summary>
    private void Release(int slot, Action notify)
    {
        var r = _slots[slot]!;
        _slots[slot] = null;
        _context.MemorySequenceRemove((LLamaSeqId)slot, -1, -1);
        r.Dispose();
        notify();
    }

    private static void Finish(GenerationRequest r, Exception? error)
    {
        r.Dispose();
        r.Fail(error);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Wake();
        _worker.Join();
        _context.Dispose();
        _wake.Dispose();
    }
}
