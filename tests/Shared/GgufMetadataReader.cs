using System.Text;

namespace IdeaHub.TestSupport;

/// <summary>Reads a GGUF file's key-values as raw (type, bytes) pairs so they can be copied into a generated model.</summary>
public static class GgufMetadataReader
{
    public static List<(string Key, uint Type, byte[] Value)> Read(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        if (Encoding.ASCII.GetString(r.ReadBytes(4)) != "GGUF") throw new InvalidDataException($"{path} is not GGUF");
        r.ReadUInt32();
        r.ReadUInt64();
        var count = r.ReadUInt64();
        var result = new List<(string, uint, byte[])>();
        for (ulong i = 0; i < count; i++)
        {
            var key = ReadString(r);
            var type = r.ReadUInt32();
            var start = r.BaseStream.Position;
            Skip(r, type);
            var len = (int)(r.BaseStream.Position - start);
            r.BaseStream.Position = start;
            result.Add((key, type, r.ReadBytes(len)));
        }
        return result;
    }

    private static void Skip(BinaryReader r, uint type)
    {
        switch (type)
        {
            case 0 or 1 or 7: r.ReadByte(); break;
            case 2 or 3: r.ReadUInt16(); break;
            case 4 or 5 or 6: r.ReadUInt32(); break;
            case 10 or 11 or 12: r.ReadUInt64(); break;
            case 8: ReadString(r); break;
            case 9:
                var elem = r.ReadUInt32();
                var n = r.ReadUInt64();
                for (ulong i = 0; i < n; i++) Skip(r, elem);
                break;
            default: throw new InvalidDataException($"unknown GGUF value type {type}");
        }
    }

    private static string ReadString(BinaryReader r) => Encoding.UTF8.GetString(r.ReadBytes((int)r.ReadUInt64()));
}
