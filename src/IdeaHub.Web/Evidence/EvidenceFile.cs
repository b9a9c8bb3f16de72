using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Evidence;

/// <summary>A supporting document (bukti dukung) of a proposal, or of one month's realisation report when Period is set.</summary>
public sealed class EvidenceFile : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    public Guid ProposalId { get; set; }
    public DateOnly? Period { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public int SizeBytes { get; set; }
    public byte[] Sha256 { get; set; } = [];
    public byte[] Content { get; set; } = [];
    public Guid UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> b) => b.ToTable("evidence");
}

/// <summary>What lists show of a file (never its content).</summary>
public sealed record EvidenceInfo(Guid Id, string FileName, string ContentType, int SizeBytes, string? Period, DateTimeOffset UploadedAt);
