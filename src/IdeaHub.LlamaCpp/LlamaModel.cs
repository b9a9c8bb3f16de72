using System.Text;
using IdeaHub.LlamaCpp.Native;
using Microsoft.Extensions.Logging;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// A loaded GGUF model: weights plus vocabulary, shareable by any number of contexts. Dispose it only after
/// every context created from it (chat scheduler, embedding generator) has been disposed.
/// </summary>
public sealed unsafe class LlamaModel : IDisposable
{
    // Encoder-only architectures have no causal LM head worth chatting with; they are embedding models.
    private static readonly HashSet<string> EncoderArchitectures = new(StringComparer.Ordinal)
    {
        "bert", "nomic-bert", "nomic-bert-moe", "jina-bert-v2", "jina-bert-v3", "modern-bert", "neo-bert",
        "eurobert", "t5encoder", "gemma-embedding",
    };

    private readonly SafeLlamaModelHandle _handle;

    private LlamaModel(SafeLlamaModelHandle handle, string path)
    {
        _handle = handle;
        Path = path;
        Vocab = NativeMethods.llama_model_get_vocab(handle.DangerousGetHandle());
        VocabSize = NativeMethods.llama_vocab_n_tokens(Vocab);
        TrainContextLength = NativeMethods.llama_model_n_ctx_train(Native);
        EmbeddingLength = NativeMethods.llama_model_n_embd(Native);
        Architecture = GetMetadata("general.architecture") ?? "unknown";
        var tmpl = NativeMethods.llama_model_chat_template(Native, null);
        ChatTemplate = tmpl == 0 ? null : System.Runtime.InteropServices.Marshal.PtrToStringUTF8(tmpl);
    }

    public string Path { get; }
    public string Architecture { get; }
    public string? ChatTemplate { get; }
    public int VocabSize { get; }
    public int TrainContextLength { get; }
    public int EmbeddingLength { get; }

    /// <summary>True for encoder-only architectures (BERT family) that can embed but not generate.</summary>
    public bool IsEncoderOnly => EncoderArchitectures.Contains(Architecture);

    internal nint Native => _handle.DangerousGetHandle();
    internal nint Vocab { get; }

    /// <summary>Loads a GGUF file on the CPU. Throws FileNotFoundException or <see cref="LlamaModelLoadException"/>.</summary>
    public static LlamaModel Load(string path, string? llamaFolder = null, ILogger? logger = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Model file not found: {full}", full);
        CheckGgufMagic(full);
        LlamaBackend.EnsureInitialized(llamaFolder, logger);

        var mp = NativeMethods.llama_model_default_params();
        mp.n_gpu_layers = 0;
        var bytes = Encoding.UTF8.GetBytes(full + "\0");
        nint ptr;
        fixed (byte* p = bytes) ptr = NativeMethods.llama_model_load_from_file(p, mp);
        if (ptr == 0)
            throw new LlamaModelLoadException($"llama.cpp could not load '{full}' (corrupt, truncated or unsupported GGUF; see the log).");
        return new LlamaModel(SafeLlamaModelHandle.Wrap(ptr), full);
    }

    private static void CheckGgufMagic(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var f = File.OpenRead(path);
        if (f.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("GGUF"u8))
            throw new LlamaModelLoadException($"'{path}' is not a GGUF file (bad magic).");
    }

    public string? GetMetadata(string key)
    {
        var k = Encoding.UTF8.GetBytes(key + "\0");
        var buf = new byte[4096];
        int n;
        fixed (byte* pk = k)
        fixed (byte* pb = buf)
            n = NativeMethods.llama_model_meta_val_str(Native, pk, pb, (nuint)buf.Length);
        return n < 0 ? null : Encoding.UTF8.GetString(buf, 0, Math.Min(n, buf.Length - 1));
    }

    /// <summary>Tokenizes UTF-8 text; <paramref name="parseSpecial"/> lets template markers become control tokens.</summary>
    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var tokens = new int[utf8.Length + 8];
        fixed (byte* pt = utf8)
        {
            int n;
            fixed (int* po = tokens) n = NativeMethods.llama_tokenize(Vocab, pt, utf8.Length, po, tokens.Length, B(addSpecial), B(parseSpecial));
            if (n < 0)
            {
                tokens = new int[-n];
                fixed (int* po = tokens) n = NativeMethods.llama_tokenize(Vocab, pt, utf8.Length, po, tokens.Length, B(addSpecial), B(parseSpecial));
            }
            return tokens.AsSpan(0, n).ToArray();
        }
    }

    /// <summary>Writes a token's UTF-8 bytes (possibly a partial character) into <paramref name="buffer"/>.</summary>
    internal int TokenToPiece(int token, Span<byte> buffer)
    {
        fixed (byte* p = buffer) return NativeMethods.llama_token_to_piece(Vocab, token, p, buffer.Length, 0, 0);
    }

    internal bool IsEndOfGeneration(int token) => NativeMethods.llama_vocab_is_eog(Vocab, token) != 0;

    private static byte B(bool v) => v ? (byte)1 : (byte)0;

    public void Dispose() => _handle.Dispose();
}
