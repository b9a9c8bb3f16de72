using System.Text;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// A loaded GGUF model (LLamaSharp's <see cref="SafeLlamaModelHandle"/>): weights plus vocabulary, shareable by any
/// number of contexts. Dispose it only after every context created from it (chat scheduler, embedding generator).
/// </summary>
public sealed class LlamaModel : IDisposable
{
    // Encoder-only architectures have no causal LM head worth chatting with; they are embedding models.
    private static readonly HashSet<string> EncoderArchitectures = new(StringComparer.Ordinal)
    {
        "bert", "nomic-bert", "nomic-bert-moe", "jina-bert-v2", "jina-bert-v3", "modern-bert", "neo-bert",
        "eurobert", "t5encoder", "gemma-embedding",
    };

    private LlamaModel(SafeLlamaModelHandle handle, string path)
    {
        Handle = handle;
        Path = path;
        _metadata = ReadMetadata(handle);
        VocabSize = handle.Vocab.Count;
        TrainContextLength = handle.ContextSize;
        EmbeddingLength = handle.EmbeddingSize;
        Architecture = GetMetadata("general.architecture") ?? "unknown";
        ChatTemplate = handle.GetTemplate(null, strict: false);
    }

    private readonly Dictionary<string, string> _metadata;

    public string Path { get; }
    public string Architecture { get; }
    public string? ChatTemplate { get; }
    public int VocabSize { get; }
    public int TrainContextLength { get; }
    public int EmbeddingLength { get; }

    /// <summary>True for encoder-only architectures (BERT family) that can embed but not generate.</summary>
    public bool IsEncoderOnly => EncoderArchitectures.Contains(Architecture);

    internal SafeLlamaModelHandle Handle { get; }

    /// <summary>Loads a GGUF file on the CPU. Throws FileNotFoundException or <see cref="LlamaModelLoadException"/>.</summary>
    public static LlamaModel Load(string path, ILogger? logger = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Model file not found: {full}", full);
        CheckGgufMagic(full);
        LlamaBackend.EnsureInitialized(logger);
        var mp = LLamaModelParams.Default();
        mp.n_gpu_layers = 0;
        try
        {
            return new LlamaModel(SafeLlamaModelHandle.LoadFromFile(full, mp), full);
        }
        catch (LoadWeightsFailedException ex)
        {
            throw new LlamaModelLoadException($"llama.cpp could not load '{full}' (corrupt, truncated or unsupported GGUF; see the log).", ex);
        }
    }

    private static void CheckGgufMagic(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var f = File.OpenRead(path);
        if (f.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("GGUF"u8))
            throw new LlamaModelLoadException($"'{path}' is not a GGUF file (bad magic).");
    }

    public string? GetMetadata(string key) => _metadata.GetValueOrDefault(key);

    // Read once by index: LLamaSharp 0.30's lookup by key returned null for keys the GGUF has (general.architecture).
    private static Dictionary<string, string> ReadMetadata(SafeLlamaModelHandle handle)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < handle.MetadataCount; i++)
            if (handle.MetadataKeyByIndex(i) is { } k && handle.MetadataValueByIndex(i) is { } v)
                map[Utf8(k)] = Utf8(v);
        return map;
    }

    private static string Utf8(Memory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span).TrimEnd('\0');

    /// <summary>Tokenizes UTF-8 text; <paramref name="parseSpecial"/> lets template markers become control tokens.</summary>
    public LLamaToken[] Tokenize(string text, bool addSpecial, bool parseSpecial) =>
        Handle.Tokenize(text, addSpecial, parseSpecial, Encoding.UTF8);

    /// <summary>Writes a token's UTF-8 bytes (possibly a partial character) into <paramref name="buffer"/>.</summary>
    internal int TokenToPiece(LLamaToken token, Span<byte> buffer) => (int)Handle.TokenToSpan(token, buffer);

    internal bool IsEndOfGeneration(LLamaToken token) => token.IsEndOfGeneration(Handle.Vocab);

    public void Dispose() => Handle.Dispose();
}
