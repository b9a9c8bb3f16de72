using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace IdeaHub.LlamaCpp.Models;

/// <summary>Progress of one download: bytes on disk so far and the total when the server said.</summary>
public readonly record struct DownloadProgress(long Bytes, long? Total);

/// <summary>The downloaded or installed file does not match the manifest's sha256 (or size).</summary>
public sealed class ModelVerificationException(string message) : Exception(message);

/// <summary>
/// Downloads manifest models into a folder. A partial download is kept as FILE.part and resumed with an HTTP Range
/// request; the finished file is checked against the pinned sha256 before it replaces FILE.
/// </summary>
public sealed class ModelDownloader(HttpClient http)
{
    public async Task<string> PullAsync(ModelManifestEntry entry, string modelsDir, IProgress<DownloadProgress>? progress = null, bool allowUnpinned = false, CancellationToken cancellationToken = default)
    {
        if (!entry.IsPinned && !allowUnpinned)
            throw new ModelVerificationException($"'{entry.Name}' has no pinned sha256 in the manifest; verify the file's origin and pass --allow-unpinned.");
        Directory.CreateDirectory(modelsDir);
        var target = Path.Combine(modelsDir, entry.File);
        if (File.Exists(target) && entry.IsPinned && string.Equals(await Sha256Async(target, cancellationToken).ConfigureAwait(false), entry.Sha256, StringComparison.OrdinalIgnoreCase))
            return target;

        var part = target + ".part";
        var have = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, entry.SourceUrl);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            response.EnsureSuccessStatusCode();
            // A server that ignores Range answers 200 with the whole file: start over instead of appending.
            var resume = response.StatusCode == HttpStatusCode.PartialContent;
            if (!resume) have = 0;
            var total = response.Content.Headers.ContentLength is { } len ? len + have : entry.Size;
            await using var file = new FileStream(part, resume ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[1 << 16];
            int n;
            while ((n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                have += n;
                progress?.Report(new DownloadProgress(have, total));
            }
        }

        await VerifyAsync(entry, part, cancellationToken).ConfigureAwait(false);
        File.Move(part, target, overwrite: true);
        return target;
    }

    /// <summary>Checks an installed file against the manifest; returns the file's sha256.</summary>
    public static async Task<string> VerifyAsync(ModelManifestEntry entry, string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{entry.Name}: {path} is not installed.", path);
        var length = new FileInfo(path).Length;
        if (entry.Size is { } size && length != size)
        {
            if (path.EndsWith(".part", StringComparison.Ordinal)) File.Delete(path);
            throw new ModelVerificationException($"{entry.Name}: size {length} differs from the manifest's {size}.");
        }
        var sha = await Sha256Async(path, cancellationToken).ConfigureAwait(false);
        if (entry.IsPinned && !string.Equals(sha, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            // A corrupt partial file would poison every later resume.
            if (path.EndsWith(".part", StringComparison.Ordinal)) File.Delete(path);
            throw new ModelVerificationException($"{entry.Name}: sha256 {sha} differs from the manifest's {entry.Sha256}.");
        }
        return sha;
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(f, cancellationToken).ConfigureAwait(false));
    }
}
