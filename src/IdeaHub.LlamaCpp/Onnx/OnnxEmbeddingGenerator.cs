using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace IdeaHub.LlamaCpp.Onnx;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a sentence-transformers BERT exported to ONNX (for
/// example all-MiniLM-L6-v2) run by ONNX Runtime, with the model's WordPiece vocabulary (Microsoft.ML.Tokenizers).
/// Mean pooling over the attention mask, then L2 normalisation, exactly as sentence-transformers does for these models.
/// Inputs longer than <see cref="MaxInputTokens"/> are truncated, as sentence-transformers does.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly bool _wantsTokenTypes;
    private readonly EmbeddingGeneratorMetadata _metadata;

    private OnnxEmbeddingGenerator(InferenceSession session, BertTokenizer tokenizer, string modelId, int maxInputTokens)
    {
        _session = session;
        _tokenizer = tokenizer;
        _wantsTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        var output = session.OutputMetadata.First().Value;
        Dimensions = output.Dimensions[^1];
        MaxInputTokens = maxInputTokens;
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, modelId, Dimensions);
    }

    public int Dimensions { get; }
    public int MaxInputTokens { get; }

    /// <summary>Loads the ONNX file and its vocab.txt; <paramref name="threads"/> is capped at the core count.</summary>
    public static OnnxEmbeddingGenerator Create(string modelPath, string vocabularyPath, string? modelId = null, int? threads = null,
        int maxInputTokens = 256)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"Model file not found: {Path.GetFullPath(modelPath)}", modelPath);
        if (!File.Exists(vocabularyPath)) throw new FileNotFoundException($"Vocabulary file not found: {Path.GetFullPath(vocabularyPath)}", vocabularyPath);
        var tokenizer = BertTokenizer.Create(vocabularyPath);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, Math.Min(Environment.ProcessorCount, threads ?? Environment.ProcessorCount)),
            InterOpNumThreads = 1,
        };
        InferenceSession session;
        try { session = new InferenceSession(modelPath, options); }
        catch (OnnxRuntimeException ex) { throw new LlamaModelLoadException($"ONNX Runtime could not load '{modelPath}': {ex.Message}", ex); }
        return new OnnxEmbeddingGenerator(session, tokenizer, modelId ?? Path.GetFileNameWithoutExtension(modelPath), maxInputTokens);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var inputs = values.Select(v => _tokenizer.EncodeToIds(v, addSpecialTokens: true)).Select(Truncate).ToList();
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Count);
        // Small batches keep padding waste low when lengths differ (proposals range from a line to pages).
        foreach (var chunk in inputs.Chunk(16))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var v in Run(chunk)) result.Add(new Embedding<float>(v) { ModelId = _metadata.DefaultModelId });
        }
        result.Usage = new UsageDetails { InputTokenCount = inputs.Sum(t => t.Count) };
        return Task.FromResult(result);
    }

    private IReadOnlyList<int> Truncate(IReadOnlyList<int> ids) =>
        ids.Count <= MaxInputTokens ? ids : [.. ids.Take(MaxInputTokens - 1), ids[^1]]; // keep [SEP] last

    private List<float[]> Run(IReadOnlyList<int>[] batch)
    {
        var seq = batch.Max(t => t.Count);
        var ids = new long[batch.Length * seq];
        var mask = new long[batch.Length * seq];
        for (var b = 0; b < batch.Length; b++)
            for (var i = 0; i < batch[b].Count; i++)
            {
                ids[b * seq + i] = batch[b][i];
                mask[b * seq + i] = 1;
            }
        long[] shape = [batch.Length, seq];
        var names = new List<string> { "input_ids", "attention_mask" };
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        var values = new List<OrtValue> { idsValue, maskValue };
        if (_wantsTokenTypes) { names.Add("token_type_ids"); values.Add(typesValue); }
        using var run = new RunOptions();
        using var outputs = _session.Run(run, names, values, [_session.OutputNames[0]]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new List<float[]>(batch.Length);
        for (var b = 0; b < batch.Length; b++)
        {
            var v = new float[Dimensions];
            var n = batch[b].Count;
            for (var i = 0; i < n; i++)
            {
                var row = hidden.Slice((b * seq + i) * Dimensions, Dimensions);
                for (var d = 0; d < Dimensions; d++) v[d] += row[d];
            }
            vectors.Add(Normalize(v, n));
        }
        return vectors;
    }

    private static float[] Normalize(float[] sum, int count)
    {
        var norm = 0.0;
        for (var d = 0; d < sum.Length; d++)
        {
            sum[d] /= count;
            norm += sum[d] * (double)sum[d];
        }
        var inv = norm == 0 ? 0 : (float)(1 / Math.Sqrt(norm));
        for (var d = 0; d < sum.Length; d++) sum[d] *= inv;
        return sum;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _session.Dispose();
}
