using System.Buffers;
using System.Text.Json;

namespace IdeaHub.Web.Platform;

/// <summary>
/// Rejects text that contains NUL (U+0000) with a 400 before any handler sees it: PostgreSQL cannot store it in a
/// text column, so without this every string field of every route was a 500. Covers the path, the query, url-encoded
/// form fields and every string (and property name) of a JSON body; uploaded files are checked by their readers.
/// </summary>
public static class InputGuard
{
    public static IApplicationBuilder UseInputGuard(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (await HasNulAsync(ctx.Request, ctx.RequestAborted))
        {
            var l = ctx.RequestServices.GetRequiredService<Localizer>();
            await Results.Problem(l["Input.Nul"], statusCode: StatusCodes.Status400BadRequest, title: l["Validation.Title"]).ExecuteAsync(ctx);
            return;
        }
        await next();
    });

    public static bool HasNul(string? s) => s is not null && s.Contains('\0', StringComparison.Ordinal);

    private static async Task<bool> HasNulAsync(HttpRequest request, CancellationToken ct)
    {
        if (HasNul(request.Path.Value) || HasNul(request.PathBase.Value)) return true;
        foreach (var (key, values) in request.Query)
            if (HasNul(key) || values.Any(HasNul)) return true;
        // Multipart bodies carry uploads, which their readers check; reading them here would bypass their limits.
        if (request.HasFormContentType && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            IFormCollection form;
            try { form = await request.ReadFormAsync(ct); }
            catch (InvalidDataException) { return false; } // a malformed form: model binding answers 400
            catch (BadHttpRequestException) { return false; }
            return form.Any(f => HasNul(f.Key) || f.Value.Any(HasNul));
        }
        if (request.HasJsonContentType()) return await JsonHasNulAsync(request, ct);
        return false;
    }

    private static readonly byte[] EscapedNul = "\\u0000"u8.ToArray();

    private static async Task<bool> JsonHasNulAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        try { await request.Body.CopyToAsync(buffer, ct); }
        catch (BadHttpRequestException) { return false; } // too large or cut off: the endpoint's binding answers
        request.Body.Position = 0;
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        // A raw NUL byte is invalid JSON (binding answers 400); an escaped one is "\u0000" somewhere in the text.
        return bytes.IndexOf(EscapedNul) >= 0 && StringsHaveNul(bytes);
    }

    private static bool StringsHaveNul(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped
                    && HasNul(reader.GetString())) return true;
            }
        }
        catch (JsonException) { } // malformed JSON: binding answers 400
        return false;
    }
}
