using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Data;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entry");
        b.Property(a => a.Detail).HasColumnType("jsonb");
        b.HasIndex(a => new { a.PemkabId, a.ProposalId, a.Id });
    }
}
