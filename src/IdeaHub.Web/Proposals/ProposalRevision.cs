using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Proposals;

public enum RevisionSource { Manual, Assistant, Autosave }

/// <summary>One saved state of a proposal: a full snapshot, so any two revisions can be compared.</summary>
public sealed class ProposalRevision : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    public Guid ProposalId { get; set; }
    public int Number { get; set; }
    public Guid AuthorId { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
    public RevisionSource Source { get; set; }
    /// <summary>JSON of <see cref="ProposalSnapshot"/>.</summary>
    public string Snapshot { get; set; } = "{}";
}

internal sealed class ProposalRevisionConfiguration : IEntityTypeConfiguration<ProposalRevision>
{
    public void Configure(EntityTypeBuilder<ProposalRevision> b)
    {
        b.ToTable("proposal_revision");
        b.Property(r => r.Source).HasConversion<string>();
        b.Property(r => r.Snapshot).HasColumnType("jsonb");
        b.HasIndex(r => new { r.ProposalId, r.Number }).IsUnique();
        b.HasOne<Proposal>().WithMany().HasForeignKey(r => r.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}
