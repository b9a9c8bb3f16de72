namespace IdeaHub.TestSupport;

/// <summary>Random-weight GGUF models for loader tests and benchmarks; speed and shape do not depend on the values.</summary>
public static class TestModels
{
    /// <summary>A tiny BERT embedding model (mean pooling) with the bge tokenizer copied from <paramref name="vocabGguf"/>.</summary>
    public static void WriteBert(string path, string vocabGguf, int embd = 64, int layers = 2, int heads = 4, int ff = 128, int ctx = 512, uint seed = 1)
    {
        var w = new GgufWriter();
        var vocab = CopyTokenizer(w, vocabGguf);
        w.Add("general.architecture", "bert");
        w.Add("general.name", "random-bert-test");
        w.Add("bert.context_length", (uint)ctx);
        w.Add("bert.embedding_length", (uint)embd);
        w.Add("bert.feed_forward_length", (uint)ff);
        w.Add("bert.block_count", (uint)layers);
        w.Add("bert.attention.head_count", (uint)heads);
        w.Add("bert.attention.layer_norm_epsilon", 1e-12f);
        w.Add("bert.attention.causal", false);
        w.Add("bert.pooling_type", 1u);
        w.Add("tokenizer.ggml.token_type_count", 2u);
        var rnd = new Random((int)seed);
        Func<long, float> weights = _ => (float)(rnd.NextDouble() - 0.5) * 0.2f;
        Func<long, float> one = _ => 1f, zero = _ => 0f;
        w.AddF32("token_embd.weight", [embd, vocab], weights);
        w.AddF32("token_types.weight", [embd, 2], weights);
        w.AddF32("position_embd.weight", [embd, ctx], weights);
        w.AddF32("token_embd_norm.weight", [embd], one);
        w.AddF32("token_embd_norm.bias", [embd], zero);
        for (var i = 0; i < layers; i++)
        {
            foreach (var t in new[] { "attn_q", "attn_k", "attn_v", "attn_output" })
            {
                w.AddF32($"blk.{i}.{t}.weight", [embd, embd], weights);
                w.AddF32($"blk.{i}.{t}.bias", [embd], weights);
            }
            w.AddF32($"blk.{i}.attn_output_norm.weight", [embd], one);
            w.AddF32($"blk.{i}.attn_output_norm.bias", [embd], zero);
            w.AddF32($"blk.{i}.ffn_up.weight", [embd, ff], weights);
            w.AddF32($"blk.{i}.ffn_up.bias", [ff], weights);
            w.AddF32($"blk.{i}.ffn_down.weight", [ff, embd], weights);
            w.AddF32($"blk.{i}.ffn_down.bias", [embd], weights);
            w.AddF32($"blk.{i}.layer_output_norm.weight", [embd], one);
            w.AddF32($"blk.{i}.layer_output_norm.bias", [embd], zero);
        }
        w.Write(path);
    }

    /// <summary>A llama-shape model in Q8_0 (SmolLM-135M-like: 576 wide, 30 layers, GQA 9/3, FFN 1536).</summary>
    public static void WriteLlamaQ8(string path, string vocabGguf, int embd = 576, int layers = 30, int heads = 9, int kvHeads = 3, int ff = 1536, int ctx = 2048)
    {
        var w = new GgufWriter();
        var vocab = CopyTokenizer(w, vocabGguf);
        w.Add("general.architecture", "llama");
        w.Add("general.name", "random-llama-135m-q8_0");
        w.Add("general.file_type", 7u);
        w.Add("llama.context_length", (uint)ctx);
        w.Add("llama.embedding_length", (uint)embd);
        w.Add("llama.feed_forward_length", (uint)ff);
        w.Add("llama.block_count", (uint)layers);
        w.Add("llama.attention.head_count", (uint)heads);
        w.Add("llama.attention.head_count_kv", (uint)kvHeads);
        w.Add("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        w.Add("llama.rope.dimension_count", (uint)(embd / heads));
        w.Add("llama.rope.freq_base", 10000f);
        var rnd = new Random(1);
        Func<long, float> weights = _ => (float)(rnd.NextDouble() - 0.5) * 0.1f;
        var kv = embd / heads * kvHeads;
        w.AddQ8_0("token_embd.weight", [embd, vocab], weights);
        w.AddF32("output_norm.weight", [embd], _ => 1f);
        w.AddQ8_0("output.weight", [embd, vocab], weights);
        for (var i = 0; i < layers; i++)
        {
            w.AddF32($"blk.{i}.attn_norm.weight", [embd], _ => 1f);
            w.AddQ8_0($"blk.{i}.attn_q.weight", [embd, embd], weights);
            w.AddQ8_0($"blk.{i}.attn_k.weight", [embd, kv], weights);
            w.AddQ8_0($"blk.{i}.attn_v.weight", [embd, kv], weights);
            w.AddQ8_0($"blk.{i}.attn_output.weight", [embd, embd], weights);
            w.AddF32($"blk.{i}.ffn_norm.weight", [embd], _ => 1f);
            w.AddQ8_0($"blk.{i}.ffn_gate.weight", [embd, ff], weights);
            w.AddQ8_0($"blk.{i}.ffn_up.weight", [embd, ff], weights);
            w.AddQ8_0($"blk.{i}.ffn_down.weight", [ff, embd], weights);
        }
        w.Write(path);
    }

    /// <summary>Copies every tokenizer.* key and returns the vocabulary size.</summary>
    private static int CopyTokenizer(GgufWriter w, string vocabGguf)
    {
        var vocab = 0;
        foreach (var (key, type, value) in GgufMetadataReader.Read(vocabGguf))
        {
            if (!key.StartsWith("tokenizer.", StringComparison.Ordinal)) continue;
            w.AddRaw(key, type, value);
            if (key == "tokenizer.ggml.tokens") vocab = (int)BitConverter.ToUInt64(value, 4);
        }
        return vocab > 0 ? vocab : throw new InvalidDataException($"{vocabGguf} has no tokenizer.ggml.tokens");
    }
}
