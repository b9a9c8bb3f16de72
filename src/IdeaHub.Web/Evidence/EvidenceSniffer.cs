using System.IO.Compression;
using System.Text;

namespace IdeaHub.Web.Evidence;

/// <summary>A file's checked type: what it is served as.</summary>
public sealed record SniffedType(string ContentType, string Label);

/// <summary>
/// Decides what an upload is from its bytes, never from the name or the browser's content type alone: the name's
/// extension must agree with the magic bytes. Accepted: PDF, PNG, JPEG, Word/Excel/PowerPoint (OOXML zip with the
/// matching part folder, or the legacy compound file). Everything else is refused with a key of
/// <c>OutcomesText</c> (<c>Evidence.*</c>), e.g. a renamed executable, an HTML page, an empty or oversized file.
/// </summary>
public static class EvidenceSniffer
{
    private static readonly Dictionary<string, SniffedType> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = new("application/pdf", "PDF"),
        [".png"] = new("image/png", "PNG"),
        [".jpg"] = new("image/jpeg", "JPEG"),
        [".jpeg"] = new("image/jpeg", "JPEG"),
        [".docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
        [".xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
        [".pptx"] = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"),
        [".doc"] = new("application/msword", "Word"),
        [".xls"] = new("application/vnd.ms-excel", "Excel"),
        [".ppt"] = new("application/vnd.ms-powerpoint", "PowerPoint"),
    };

    private static readonly Dictionary<string, string> OoxmlPart = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = "word/", [".xlsx"] = "xl/", [".pptx"] = "ppt/",
    };

    /// <summary>Images a browser may show inline: they carry no script.</summary>
    public static bool IsSafeInline(string contentType) => contentType is "image/png" or "image/jpeg";

    public static (SniffedType? Type, string? Error) Check(string fileName, ReadOnlySpan<byte> content, int maxBytes)
    {
        if (content.Length == 0) return (null, "Evidence.Empty");
        if (content.Length > maxBytes) return (null, "Evidence.TooLarge");
        if (IsExecutable(content)) return (null, "Evidence.Executable");
        if (LooksLikeHtml(content)) return (null, "Evidence.Html");
        if (!ByExtension.TryGetValue(Path.GetExtension(fileName), out var declared)) return (null, "Evidence.Type");
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var matches = ext switch
        {
            ".pdf" => content.StartsWith("%PDF-"u8),
            ".png" => content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            ".jpg" or ".jpeg" => content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            ".doc" or ".xls" or ".ppt" => content.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }),
            _ => content.StartsWith("PK\u0003\u0004"u8) && IsOoxml(content.ToArray(), OoxmlPart[ext]),
        };
        return matches ? (declared, null) : (null, "Evidence.Mismatch");
    }

    private static bool IsExecutable(ReadOnlySpan<byte> c) =>
        c.StartsWith("MZ"u8) || c.StartsWith("\u007FELF"u8) || c.StartsWith("#!"u8)
        || c.StartsWith(new byte[] { 0xCF, 0xFA, 0xED, 0xFE }) || c.StartsWith(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE });

    /// <summary>
    /// Markup a browser could render as a page (HTML, SVG, XML): its first character after a BOM and whitespace is
    /// '&lt;', which no accepted format starts with.
    /// </summary>
    private static bool LooksLikeHtml(ReadOnlySpan<byte> c) =>
        Encoding.UTF8.GetString(c[..Math.Min(c.Length, 64)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('<');

    private static bool IsOoxml(byte[] content, string part)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.Entries.Any(e => e.FullName.StartsWith(part, StringComparison.Ordinal));
        }
        catch (InvalidDataException) { return false; }
    }

    /// <summary>The name as stored and offered for download: no folders, no control characters, at most 200 characters.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(ch => !char.IsControl(ch) && ch is not ('"' or '/' or '\\')).ToArray()).Trim();
        if (name.Length > 200) name = name[..(200 - Path.GetExtension(name).Length)] + Path.GetExtension(name);
        return name.Length == 0 ? "bukti" : name;
    }
}
