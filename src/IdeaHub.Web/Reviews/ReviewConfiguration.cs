using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Reviews;

internal sealed class ReviewConfiguration :
    IEntityTypeConfiguration<RubricCriterion>, IEntityTypeConfiguration<Review>, IEntityTypeConfiguration<ReviewScore>,
    IEntityTypeConfiguration<Vote>, IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<RubricCriterion> b)
    {
        b.ToTable("rubric_criterion");
        b.Property(c => c.Weight).HasPrecision(6, 3);
        b.HasIndex(c => new { c.PemkabId, c.Code }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.ToTable("review");
        b.Property(r => r.Recommendation).HasConversion<string>();
        b.HasIndex(r => new { r.ProposalId, r.ReviewerId }).IsUnique();
        b.HasIndex(r => new { r.PemkabId, r.CreatedAt });
        b.HasOne<Proposal>().WithMany().HasForeignKey(r => r.ProposalId);
        b.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReviewScore> b)
    {
        b.ToTable("review_score");
        b.HasKey(s => new { s.ReviewId, s.CriterionId });
        b.HasOne<RubricCriterion>().WithMany().HasForeignKey(s => s.CriterionId);
    }

    public void Configure(EntityTypeBuilder<Vote> b)
    {
        b.ToTable("vote");
        b.HasIndex(v => new { v.ProposalId, v.VoterId }).IsUnique();
        b.HasIndex(v => new { v.PemkabId, v.Month });
        b.HasOne<Proposal>().WithMany().HasForeignKey(v => v.ProposalId);
    }

    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.ToTable("comment");
        b.HasIndex(c => new { c.ProposalId, c.CreatedAt });
        b.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId);
        b.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId);
    }
}
