using System.Text;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Organisation.Import;

/// <summary>Reads an uploaded CSV, size-limited, from a multipart form's first file or a raw text/csv body.</summary>
public static class CsvUpload
{
    public static async Task<(string? Csv, string? Error)> ReadAsync(HttpRequest request, IStringLocalizer<OrganisationText> t, CancellationToken ct)
    {
        var tooLarge = t["Import.FileTooLarge", OrganisationImporter.MaxBytes / 1024 / 1024];
        if (request.ContentLength > OrganisationImporter.MaxBytes) return (null, tooLarge);
        Stream? stream;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.FirstOrDefault();
            if (file is null || file.Length == 0) return (null, t["Import.FileMissing"]);
            if (file.Length > OrganisationImporter.MaxBytes) return (null, tooLarge);
            stream = file.OpenReadStream();
        }
        else stream = request.Body;
        await using (stream)
        {
            return await ReadAsync(stream, t, ct);
        }
    }

    public static async Task<(string? Csv, string? Error)> ReadAsync(Stream stream, IStringLocalizer<OrganisationText> t, CancellationToken ct)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[OrganisationImporter.MaxBytes + 1];
        var read = 0;
        while (read < buffer.Length && await reader.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
        if (read > OrganisationImporter.MaxBytes) return (null, t["Import.FileTooLarge", OrganisationImporter.MaxBytes / 1024 / 1024]);
        if (read == 0) return (null, t["Import.FileMissing"]);
        // PostgreSQL text cannot hold NUL: refuse the file instead of failing the import with a 500.
        return buffer.AsSpan(0, read).Contains('\0') ? (null, t["Import.Nul"]) : (new string(buffer, 0, read), null);
    }
}
