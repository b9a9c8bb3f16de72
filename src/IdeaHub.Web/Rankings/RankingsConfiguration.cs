using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Rankings;

internal sealed class RankingsConfiguration :
    IEntityTypeConfiguration<RankingAggregate>, IEntityTypeConfiguration<MonthClose>, IEntityTypeConfiguration<RankingSnapshotRow>
{
    public void Configure(EntityTypeBuilder<RankingAggregate> b)
    {
        b.ToTable("ranking_aggregate");
        b.HasKey(a => new { a.PemkabId, a.Month, a.ProposalId });
    }

    public void Configure(EntityTypeBuilder<MonthClose> b)
    {
        b.ToTable("month_close");
        b.HasKey(c => new { c.PemkabId, c.Month });
        b.Property(c => c.Stats).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<RankingSnapshotRow> b)
    {
        b.ToTable("ranking_snapshot");
        b.HasKey(r => new { r.PemkabId, r.Month, r.Rank });
        b.Property(r => r.Explanation).HasColumnType("jsonb");
        b.Property(r => r.Indicators).HasColumnType("jsonb");
    }
}
