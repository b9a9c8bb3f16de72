using IdeaHub.Web.Organisation;
using IdeaHub.Web.Outcomes;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace IdeaHub.Web.Evidence;

/// <summary>
/// Evidence files: listed and downloaded by whoever sees the proposal, added and removed by its team while it may
/// attach (<see cref="ProposalAccess.CanAttachEvidence"/>). Downloads are attachments (PNG/JPEG may show inline),
/// with nosniff and a sandboxing CSP, so nothing uploaded ever runs as a page of the site.
/// </summary>
public static class EvidenceApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Evidence");
        g.MapGet("/proposals/{id:guid}/evidence", List);
        g.MapPost("/proposals/{id:guid}/evidence", Upload).DisableAntiforgery()
            .WithSummary("Attach a file (multipart field 'file'; optional 'period' yyyy-MM for a month's report): PDF, PNG, JPEG, Word, Excel, PowerPoint.");
        g.MapGet("/evidence/{fileId:guid}", Download);
        g.MapDelete("/evidence/{fileId:guid}", Delete);
    }

    private static async Task<Results<Ok<List<EvidenceInfo>>, NotFound>> List(Guid id, Caller me, ProposalReader proposals,
        EvidenceService evidence, CancellationToken ct) =>
        await proposals.FindVisibleAsync(id, me, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await evidence.ListAsync(id, ct));

    private static async Task<Results<Created<EvidenceInfo>, NotFound, ValidationProblem, ProblemHttpResult>> Upload(Guid id,
        HttpRequest request, Caller me, ProposalReader proposals, EvidenceService evidence, IStringLocalizer<OutcomesText> l, CancellationToken ct)
    {
        var p = await proposals.FindVisibleAsync(id, me, ct);
        if (p is null) return TypedResults.NotFound();
        if (!ProposalAccess.CanAttachEvidence(p, me)) return TypedResults.Problem(l["Evidence.Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        ValidationProblem Invalid(string field, string key) =>
            TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [l[key, evidence.Options.MaxBytes / (1024 * 1024)]] }, title: l["Validation.Title"]);
        if (!request.HasFormContentType) return Invalid("file", "Evidence.NoFile");
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file) return Invalid("file", "Evidence.NoFile");
        MonthKey? period = null;
        if (form["period"] is [{ Length: > 0 } text])
        {
            if (!MonthKey.TryParse(text, out var m)) return Invalid("period", "Report.Period");
            period = m;
        }
        var content = await EvidenceUpload.ReadAsync(file, evidence.Options.MaxBytes, ct);
        if (content is null) return Invalid("file", "Evidence.TooLarge");
        var (info, error) = await evidence.AddAsync(p, me, file.FileName, content, period, ct);
        return error is not null ? Invalid("file", error) : TypedResults.Created($"/api/evidence/{info!.Id}", info);
    }

    private static async Task<IResult> Download(Guid fileId, HttpContext http, Caller me, ProposalReader proposals, EvidenceService evidence,
        CancellationToken ct)
    {
        if (await evidence.ProposalOfAsync(fileId, ct) is not Guid proposalId || await proposals.FindVisibleAsync(proposalId, me, ct) is null)
            return TypedResults.NotFound();
        var file = (await evidence.LoadAsync(fileId, ct))!;
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        headers.CacheControl = "private, no-store";
        var disposition = new ContentDispositionHeaderValue(EvidenceSniffer.IsSafeInline(file.ContentType) ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers.ContentDisposition = disposition.ToString();
        return TypedResults.Bytes(file.Content, file.ContentType);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid fileId, Caller me, ProposalReader proposals,
        EvidenceService evidence, IStringLocalizer<OutcomesText> l, CancellationToken ct)
    {
        if (await evidence.ProposalOfAsync(fileId, ct) is not Guid proposalId || await proposals.FindVisibleAsync(proposalId, me, ct) is not { } p)
            return TypedResults.NotFound();
        if (!ProposalAccess.CanAttachEvidence(p, me)) return TypedResults.Problem(l["Evidence.Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        return await evidence.DeleteAsync(fileId, p, me, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}

/// <summary>Reads an uploaded file into memory, stopping at one byte past the limit (null: too large).</summary>
public static class EvidenceUpload
{
    public static async Task<byte[]?> ReadAsync(IFormFile file, int maxBytes, CancellationToken ct)
    {
        if (file.Length > maxBytes) return null;
        await using var stream = file.OpenReadStream();
        var buffer = new MemoryStream((int)Math.Min(file.Length, maxBytes));
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > maxBytes) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
