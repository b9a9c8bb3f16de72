using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Proposals;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> b)
    {
        b.ToTable("proposal");
        b.Property(p => p.Stage).HasConversion<string>();
        b.Property(p => p.Initiator).HasConversion<string>();
        b.Property(p => p.Kind).HasConversion<string>();
        b.Property(p => p.Form).HasConversion<string>();
        b.Property(p => p.Status).HasConversion<string>();
        b.Property(p => p.Version).IsRowVersion();
        b.HasIndex(p => new { p.PemkabId, p.Status });
        b.HasIndex(p => new { p.PemkabId, p.OpdId });
        b.HasIndex(p => p.AuthorId);
        b.HasOne<Opd>().WithMany().HasForeignKey(p => p.OpdId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.AuthorId);
        b.HasMany(p => p.Indicators).WithOne().HasForeignKey(i => i.ProposalId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.CoAuthors).WithOne().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.ToTable("indicator");
        b.Property(i => i.Baseline).HasPrecision(20, 4);
        b.Property(i => i.Target).HasPrecision(20, 4);
        b.Property(i => i.Direction).HasConversion<string>();
    }
}
