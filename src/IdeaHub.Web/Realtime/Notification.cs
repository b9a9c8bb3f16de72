using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Realtime;

/// <summary>One proposal event as stored for one recipient: the bell, unread counts and catch-up after reconnect.</summary>
public sealed class Notification : ITenantOwned
{
    /// <summary>Increasing per database: clients remember the last one they saw and ask for what came after.</summary>
    public long Id { get; set; }
    public Guid PemkabId { get; set; }
    public Guid UserId { get; set; }
    public Guid ProposalId { get; set; }
    /// <summary>Shared by every recipient's copy and by the live group push, so clients can drop duplicates.</summary>
    public Guid EventId { get; set; }
    public string Kind { get; set; } = "";
    public Guid? ActorId { get; set; }
    public string Payload { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A user asked to hear about a proposal they neither wrote nor review.</summary>
public sealed class ProposalFollow : ITenantOwned
{
    public Guid UserId { get; set; }
    public Guid ProposalId { get; set; }
    public Guid PemkabId { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>, IEntityTypeConfiguration<ProposalFollow>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notification");
        b.Property(n => n.Payload).HasColumnType("jsonb");
        b.HasIndex(n => new { n.UserId, n.Id });
    }

    public void Configure(EntityTypeBuilder<ProposalFollow> b)
    {
        b.ToTable("proposal_follow");
        b.HasKey(f => new { f.UserId, f.ProposalId });
    }
}
