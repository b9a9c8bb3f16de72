using System.Text;

namespace IdeaHub.TestSupport;

/// <summary>
/// Minimal GGUF v3 writer for generated test and bench models: key-values, tensor infos, 32-byte aligned data.
/// Tensor data is produced by callbacks while writing, so a few hundred MB never sit in memory at once.
/// </summary>
public sealed class GgufWriter
{
    public const uint TypeF32 = 0, TypeQ8_0 = 8;
    private const int Alignment = 32;

    private readonly List<(string Key, uint Type, byte[] Value)> _kvs = [];
    private readonly List<(string Name, long[] Dims, uint Type, Action<BinaryWriter> Write)> _tensors = [];

    public void AddRaw(string key, uint type, byte[] value)
    {
        _kvs.RemoveAll(kv => kv.Key == key);
        _kvs.Add((key, type, value));
    }

    public void Add(string key, string value) => AddRaw(key, 8, Encode(w => WriteString(w, value)));
    public void Add(string key, uint value) => AddRaw(key, 4, BitConverter.GetBytes(value));
    public void Add(string key, float value) => AddRaw(key, 6, BitConverter.GetBytes(value));
    public void Add(string key, bool value) => AddRaw(key, 7, [value ? (byte)1 : (byte)0]);

    /// <summary>Adds an F32 tensor; dims are ggml order (ne0 = row length first).</summary>
    public void AddF32(string name, long[] dims, Func<long, float> value) =>
        _tensors.Add((name, dims, TypeF32, w => { for (long i = 0, n = Count(dims); i < n; i++) w.Write(value(i)); }));

    /// <summary>Adds a Q8_0 tensor: blocks of 32 values stored as an fp16 scale and 32 int8 quants.</summary>
    public void AddQ8_0(string name, long[] dims, Func<long, float> value) =>
        _tensors.Add((name, dims, TypeQ8_0, w =>
        {
            Span<float> block = stackalloc float[32];
            for (long b = 0, n = Count(dims) / 32; b < n; b++)
            {
                var amax = 0f;
                for (var j = 0; j < 32; j++) amax = Math.Max(amax, Math.Abs(block[j] = value(b * 32 + j)));
                var scale = amax / 127f;
                w.Write((Half)scale);
                for (var j = 0; j < 32; j++) w.Write((sbyte)(scale == 0 ? 0 : Math.Round(block[j] / scale)));
            }
        }));

    public void Write(string path)
    {
        using var f = new BinaryWriter(File.Create(path));
        f.Write("GGUF"u8);
        f.Write(3u);
        f.Write((ulong)_tensors.Count);
        f.Write((ulong)_kvs.Count);
        foreach (var (key, type, value) in _kvs)
        {
            WriteString(f, key);
            f.Write(type);
            f.Write(value);
        }
        ulong offset = 0;
        foreach (var (name, dims, type, _) in _tensors)
        {
            WriteString(f, name);
            f.Write((uint)dims.Length);
            foreach (var d in dims) f.Write((ulong)d);
            f.Write(type);
            f.Write(offset);
            offset = Align(offset + (ulong)ByteSize(dims, type));
        }
        Pad(f);
        foreach (var (_, dims, type, write) in _tensors)
        {
            var start = f.BaseStream.Position;
            write(f);
            if (f.BaseStream.Position - start != ByteSize(dims, type)) throw new InvalidOperationException("tensor size mismatch");
            Pad(f);
        }
    }

    private static long Count(long[] dims) => dims.Aggregate(1L, (a, b) => a * b);
    private static long ByteSize(long[] dims, uint type) => type == TypeF32 ? Count(dims) * 4 : Count(dims) / 32 * 34;
    private static ulong Align(ulong v) => (v + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter f)
    {
        while (f.BaseStream.Position % Alignment != 0) f.Write((byte)0);
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)b.Length);
        w.Write(b);
    }

    private static byte[] Encode(Action<BinaryWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms)) write(w);
        return ms.ToArray();
    }
}
