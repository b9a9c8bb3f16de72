using Microsoft.Win32.SafeHandles;

namespace IdeaHub.LlamaCpp.Native;

// Free order required by llama.cpp: samplers and batches, then contexts, then the model. Owners dispose in
// that order explicitly; the handles only guarantee each native object is freed exactly once, even on throw.

internal sealed class SafeLlamaModelHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    public static SafeLlamaModelHandle Wrap(nint ptr) { var h = new SafeLlamaModelHandle(); h.SetHandle(ptr); return h; }
    protected override bool ReleaseHandle() { NativeMethods.llama_model_free(handle); return true; }
}

internal sealed class SafeLlamaContextHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    public static SafeLlamaContextHandle Wrap(nint ptr) { var h = new SafeLlamaContextHandle(); h.SetHandle(ptr); return h; }
    protected override bool ReleaseHandle() { NativeMethods.llama_free(handle); return true; }
}

internal sealed class SafeLlamaSamplerHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    public static SafeLlamaSamplerHandle Wrap(nint ptr) { var h = new SafeLlamaSamplerHandle(); h.SetHandle(ptr); return h; }
    protected override bool ReleaseHandle() { NativeMethods.llama_sampler_free(handle); return true; }
}

/// <summary>A batch from llama_batch_init; the struct itself is kept because llama_batch_free takes it by value.</summary>
internal sealed unsafe class SafeLlamaBatchHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private llama_batch _batch;

    public SafeLlamaBatchHandle(int capacity, int embd, int seqMax) : base(ownsHandle: true)
    {
        _batch = NativeMethods.llama_batch_init(capacity, embd, seqMax);
        Capacity = capacity;
        SetHandle((nint)_batch.pos);
    }

    public int Capacity { get; }

    public ref llama_batch Batch => ref _batch;

    /// <summary>Appends one token for one sequence; the caller keeps within <see cref="Capacity"/>.</summary>
    public void Add(int token, int pos, int seqId, bool wantLogits)
    {
        var i = _batch.n_tokens;
        _batch.token[i] = token;
        _batch.pos[i] = pos;
        _batch.n_seq_id[i] = 1;
        _batch.seq_id[i][0] = seqId;
        _batch.logits[i] = wantLogits ? (sbyte)1 : (sbyte)0;
        _batch.n_tokens = i + 1;
    }

    public void Clear() => _batch.n_tokens = 0;

    protected override bool ReleaseHandle() { NativeMethods.llama_batch_free(_batch); return true; }
}
