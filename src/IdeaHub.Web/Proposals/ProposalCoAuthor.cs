using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Proposals;

/// <summary>A co-proposer: shares the author's relation to the proposal (sees, edits, never decides on it).</summary>
public sealed class ProposalCoAuthor : ITenantOwned
{
    public Guid ProposalId { get; set; }
    public Guid UserId { get; set; }
    public Guid PemkabId { get; set; }
    public Guid AddedBy { get; set; }
    /// <summary>"invite" (added by the author) or "join" (joined instead of submitting a duplicate).</summary>
    public string Via { get; set; } = CoAuthorVia.Invite;
    public DateTimeOffset AddedAt { get; set; } = DateTimeOffset.UtcNow;
}

public static class CoAuthorVia
{
    public const string Invite = "invite";
    public const string Join = "join";
}

internal sealed class ProposalCoAuthorConfiguration : IEntityTypeConfiguration<ProposalCoAuthor>
{
    public void Configure(EntityTypeBuilder<ProposalCoAuthor> b)
    {
        b.ToTable("proposal_coauthor");
        b.HasKey(c => new { c.ProposalId, c.UserId });
        b.HasIndex(c => c.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId);
    }
}
