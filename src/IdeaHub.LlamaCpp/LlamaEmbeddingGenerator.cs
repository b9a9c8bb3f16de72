using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over an embedding GGUF (bert, nomic-bert, e5, ...). Inputs are
/// packed several per decode, pooled the model's way and L2-normalised so cosine similarity is a dot product.
/// Built on LLamaSharp's context and batch. LLamaSharp's own <c>LLamaEmbedder</c> decodes one input per call and
/// clears the context between inputs; packing up to <see cref="LlamaEmbeddingOptions.MaxInputsPerBatch"/> inputs into
/// one decode is what makes a backfill of thousands of proposals affordable on a small CPU.
/// </summary>
public sealed class LlamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly LlamaModel _model;
    private readonly bool _ownsModel;
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();
    private readonly int _batchCapacity;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _maxInputs;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public LlamaEmbeddingGenerator(LlamaModel model, LlamaEmbeddingOptions? options = null) : this(model, options ?? new(), ownsModel: false) { }

    private LlamaEmbeddingGenerator(LlamaModel model, LlamaEmbeddingOptions options, bool ownsModel)
    {
        _model = model;
        _maxInputs = options.MaxInputsPerBatch;
        var cp = LLamaContextParams.Default();
        cp.embeddings = true;
        cp.llama_pooling_type = (LLama.Native.LLamaPoolingType)(int)(options.Pooling ?? ModelPooling(model));
        cp.n_ctx = cp.n_batch = cp.n_ubatch = (uint)options.BatchTokens; // encoders need a whole input in one ubatch
        cp.n_seq_max = (uint)options.MaxInputsPerBatch;
        cp.kv_unified = true; // causal models keep a cache; unified lets one long input use all of it
        cp.n_threads = cp.n_threads_batch = Math.Max(1, Math.Min(Environment.ProcessorCount, options.Threads ?? Environment.ProcessorCount));
        try { _context = SafeLLamaContextHandle.Create(model.Handle, cp); }
        catch (RuntimeError ex) { throw new LlamaException("llama.cpp could not create an embedding context (see the log).", ex); }
        Pooling = (LlamaPoolingType)(int)_context.PoolingType;
        // Without pooling llama.cpp has no per-sequence vector, and LLamaSharp would wrap its NULL in a span.
        if (Pooling is LlamaPoolingType.None or LlamaPoolingType.Rank)
        {
            _context.Dispose();
            throw new LlamaException($"Pooling '{Pooling}' gives no embedding per input; use Mean, Cls or Last.");
        }
        MaxInputTokens = Math.Min(options.BatchTokens, model.TrainContextLength);
        _batchCapacity = options.BatchTokens;
        _ownsModel = ownsModel;
        _metadata = new EmbeddingGeneratorMetadata("llama.cpp", null, options.ModelId ?? Path.GetFileNameWithoutExtension(model.Path), model.EmbeddingLength);
    }

    /// <summary>Loads <paramref name="modelPath"/> and owns the model until disposed.</summary>
    public static LlamaEmbeddingGenerator Create(string modelPath, LlamaEmbeddingOptions? options = null, ILogger? logger = null)
    {
        options ??= new LlamaEmbeddingOptions();
        var model = LlamaModel.Load(modelPath, logger);
        try { return new LlamaEmbeddingGenerator(model, options, ownsModel: true); }
        catch { model.Dispose(); throw; }
    }

    public LlamaPoolingType Pooling { get; }
    public int Dimensions => _model.EmbeddingLength;
    public int MaxInputTokens { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.Select(v => _model.Tokenize(v, addSpecial: true, parseSpecial: false)).ToList();
        foreach (var t in inputs)
            if (t.Length > MaxInputTokens) throw new LlamaContextOverflowException(t.Length, MaxInputTokens);
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Count);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var start = 0; start < inputs.Count;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Pack(inputs, start);
                foreach (var v in DecodeBatch(inputs, start, count)) result.Add(new Embedding<float>(v) { ModelId = _metadata.DefaultModelId });
                start += count;
            }
        }
        finally
        {
            _gate.Release();
        }
        result.Usage = new UsageDetails { InputTokenCount = inputs.Sum(t => t.Length) };
        return result;
    }

    private int Pack(List<LLamaToken[]> inputs, int start)
    {
        int count = 0, tokens = 0;
        while (start + count < inputs.Count && count < _maxInputs && tokens + inputs[start + count].Length <= _batchCapacity)
            tokens += inputs[start + count++].Length;
        return count;
    }

    private List<float[]> DecodeBatch(List<LLamaToken[]> inputs, int start, int count)
    {
        _batch.Clear();
        for (var s = 0; s < count; s++)
        {
            var tokens = inputs[start + s];
            for (var i = 0; i < tokens.Length; i++) _batch.Add(tokens[i], i, (LLamaSeqId)s, logits: true);
        }
        var rc = _context.Decode(_batch);
        try
        {
            if (rc != DecodeResult.Ok) throw new LlamaException($"llama_decode failed with status {rc} while embedding.");
            var vectors = new List<float[]>(count);
            for (var s = 0; s < count; s++)
            {
                vectors.Add(Normalize(_context.GetEmbeddingsSeq((LLamaSeqId)s)));
            }
            return vectors;
        }
        finally
        {
            // Causal models keep the inputs in their KV cache; the next batch reuses the same sequence ids.
            _context.MemoryClear();
        }
    }

    private static float[] Normalize(ReadOnlySpan<float> v)
    {
        var sum = 0.0;
        foreach (var x in v) sum += x * (double)x;
        var result = v.ToArray();
        if (sum == 0) return result;
        var inv = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < result.Length; i++) result[i] *= inv;
        return result;
    }

    private static LlamaPoolingType ModelPooling(LlamaModel model) =>
        int.TryParse(model.GetMetadata(model.Architecture + ".pooling_type"), out var p) && p > 0 ? (LlamaPoolingType)p : LlamaPoolingType.Mean;

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        _context.Dispose();
        _gate.Dispose();
        if (_ownsModel) _model.Dispose();
    }
}
