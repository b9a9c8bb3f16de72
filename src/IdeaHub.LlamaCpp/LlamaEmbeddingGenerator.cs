using IdeaHub.LlamaCpp.Native;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over an embedding GGUF (bert, nomic-bert, e5, ...). Inputs are
/// packed several per decode, pooled the model's way and L2-normalised so cosine similarity is a dot product.
/// </summary>
public sealed class LlamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly LlamaModel _model;
    private readonly bool _ownsModel;
    private readonly SafeLlamaContextHandle _context;
    private readonly SafeLlamaBatchHandle _batch;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _maxInputs;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public LlamaEmbeddingGenerator(LlamaModel model, LlamaEmbeddingOptions? options = null) : this(model, options ?? new(), ownsModel: false) { }

    private LlamaEmbeddingGenerator(LlamaModel model, LlamaEmbeddingOptions options, bool ownsModel)
    {
        _model = model;
        _maxInputs = options.MaxInputsPerBatch;
        var cp = NativeMethods.llama_context_default_params();
        cp.embeddings = 1;
        cp.pooling_type = (int)(options.Pooling ?? ModelPooling(model));
        cp.n_ctx = cp.n_batch = cp.n_ubatch = (uint)options.BatchTokens; // encoders need a whole input in one ubatch
        cp.n_seq_max = (uint)options.MaxInputsPerBatch;
        cp.n_outputs_max_per_seq = 0;
        cp.kv_unified = 1; // causal models keep a cache; unified lets one long input use all of it
        cp.n_threads = cp.n_threads_batch = Math.Max(1, Math.Min(Environment.ProcessorCount, options.Threads ?? Environment.ProcessorCount));
        var ctx = NativeMethods.llama_init_from_model(model.Native, cp);
        if (ctx == 0) throw new LlamaException("llama.cpp could not create an embedding context (see the log).");
        _context = SafeLlamaContextHandle.Wrap(ctx);
        Pooling = (LlamaPoolingType)NativeMethods.llama_pooling_type(ctx);
        MaxInputTokens = Math.Min(options.BatchTokens, model.TrainContextLength);
        _batch = new SafeLlamaBatchHandle(options.BatchTokens, 0, 1);
        _ownsModel = ownsModel;
        _metadata = new EmbeddingGeneratorMetadata("llama.cpp", null, Path.GetFileNameWithoutExtension(model.Path), model.EmbeddingLength);
    }

    /// <summary>Loads <paramref name="modelPath"/> and owns the model until disposed.</summary>
    public static LlamaEmbeddingGenerator Create(string modelPath, LlamaEmbeddingOptions? options = null, ILogger? logger = null)
    {
        options ??= new LlamaEmbeddingOptions();
        var model = LlamaModel.Load(modelPath, options.LlamaFolder, logger);
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

    private int Pack(List<int[]> inputs, int start)
    {
        int count = 0, tokens = 0;
        while (start + count < inputs.Count && count < _maxInputs && tokens + inputs[start + count].Length <= _batch.Capacity)
            tokens += inputs[start + count++].Length;
        return count;
    }

    private unsafe List<float[]> DecodeBatch(List<int[]> inputs, int start, int count)
    {
        _batch.Clear();
        for (var s = 0; s < count; s++)
        {
            var tokens = inputs[start + s];
            for (var i = 0; i < tokens.Length; i++) _batch.Add(tokens[i], i, s, wantLogits: true);
        }
        var ctx = _context.DangerousGetHandle();
        int rc;
        lock (LlamaBackend.Compute) rc = NativeMethods.llama_decode(ctx, _batch.Batch);
        try
        {
            if (rc != 0) throw new LlamaException($"llama_decode failed with status {rc} while embedding.");
            var vectors = new List<float[]>(count);
            for (var s = 0; s < count; s++)
            {
                var p = NativeMethods.llama_get_embeddings_seq(ctx, s);
                if (p == null) throw new LlamaException("llama.cpp returned no pooled embedding; the model's pooling type is 'none'.");
                vectors.Add(Normalize(new ReadOnlySpan<float>(p, Dimensions)));
            }
            return vectors;
        }
        finally
        {
            // Causal models keep the inputs in their KV cache; the next batch reuses the same sequence ids.
            var memory = NativeMethods.llama_get_memory(ctx);
            if (memory != 0) NativeMethods.llama_memory_clear(memory, 1);
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
        _batch.Dispose();
        _context.Dispose();
        _gate.Dispose();
        if (_ownsModel) _model.Dispose();
    }
}
