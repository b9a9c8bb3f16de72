using System.Security.Cryptography;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Rankings;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Evidence;

public sealed class EvidenceOptions
{
    /// <summary>Largest accepted file (IdeaHub:Evidence:MaxBytes); 10 MiB by default.</summary>
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxFilesPerProposal { get; set; } = 100;
}

/// <summary>The only door to <c>evidence</c>. Callers have asked <see cref="ProposalAccess"/> before adding or reading.</summary>
public sealed class EvidenceService(IdeaHubDb db, Microsoft.Extensions.Options.IOptions<EvidenceOptions> options)
{
    public EvidenceOptions Options => options.Value;

    /// <summary>Checks and stores one file; on any refusal (a key of OutcomesText) nothing is stored.</summary>
    public async Task<(EvidenceInfo? File, string? Error)> AddAsync(Proposal p, Caller me, string fileName, byte[] content,
        MonthKey? period, CancellationToken ct = default)
    {
        var name = EvidenceSniffer.SafeName(fileName);
        var (type, error) = EvidenceSniffer.Check(name, content, Options.MaxBytes);
        if (error is not null) return (null, error);
        if (await db.Set<EvidenceFile>().CountAsync(e => e.ProposalId == p.Id, ct) >= Options.MaxFilesPerProposal)
            return (null, "Evidence.TooMany");
        var file = new EvidenceFile
        {
            PemkabId = p.PemkabId, ProposalId = p.Id, Period = period is { } m ? new DateOnly(m.Year, m.Month, 1) : null,
            FileName = name, ContentType = type!.ContentType, SizeBytes = content.Length, Sha256 = SHA256.HashData(content),
            Content = content, UploadedBy = me.Id,
        };
        db.Add(file);
        db.AddAudit(p.PemkabId, me.Id, "evidence.added", p.Id, new { file.Id, name, file.SizeBytes, period = period?.ToString() });
        await db.SaveChangesAsync(ct);
        db.Entry(file).State = EntityState.Detached;
        return (Info(file), null);
    }

    public async Task<List<EvidenceInfo>> ListAsync(Guid proposalId, CancellationToken ct = default) =>
        (await db.Set<EvidenceFile>().AsNoTracking().Where(e => e.ProposalId == proposalId)
            .OrderBy(e => e.Period).ThenBy(e => e.UploadedAt)
            .Select(e => new { e.Id, e.FileName, e.ContentType, e.SizeBytes, e.Period, e.UploadedAt }).ToListAsync(ct))
        .Select(e => new EvidenceInfo(e.Id, e.FileName, e.ContentType, e.SizeBytes, e.Period is { } d ? $"{d:yyyy-MM}" : null, e.UploadedAt))
        .ToList();

    /// <summary>Files of proposals already found visible (exports), without content.</summary>
    public async Task<List<(Guid ProposalId, EvidenceInfo File)>> ListOfAsync(IReadOnlyCollection<Guid> proposalIds, CancellationToken ct = default) =>
        (await db.Set<EvidenceFile>().AsNoTracking().Where(e => proposalIds.Contains(e.ProposalId)).OrderBy(e => e.ProposalId).ThenBy(e => e.UploadedAt)
            .Select(e => new { e.ProposalId, e.Id, e.FileName, e.ContentType, e.SizeBytes, e.Period, e.UploadedAt }).ToListAsync(ct))
        .Select(e => (e.ProposalId, new EvidenceInfo(e.Id, e.FileName, e.ContentType, e.SizeBytes, e.Period is { } d ? $"{d:yyyy-MM}" : null, e.UploadedAt)))
        .ToList();

    /// <summary>Which proposal a file belongs to (the caller then asks the rule about that proposal).</summary>
    public Task<Guid?> ProposalOfAsync(Guid id, CancellationToken ct = default) =>
        db.Set<EvidenceFile>().AsNoTracking().Where(e => e.Id == id).Select(e => (Guid?)e.ProposalId).FirstOrDefaultAsync(ct);

    public Task<EvidenceFile?> LoadAsync(Guid id, CancellationToken ct = default) =>
        db.Set<EvidenceFile>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<bool> DeleteAsync(Guid id, Proposal p, Caller me, CancellationToken ct = default)
    {
        var n = await db.Set<EvidenceFile>().Where(e => e.Id == id && e.ProposalId == p.Id).ExecuteDeleteAsync(ct);
        if (n == 0) return false;
        db.AddAudit(p.PemkabId, me.Id, "evidence.deleted", p.Id, new { id });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static EvidenceInfo Info(EvidenceFile e) =>
        new(e.Id, e.FileName, e.ContentType, e.SizeBytes, e.Period is { } d ? $"{d:yyyy-MM}" : null, e.UploadedAt);
}
