using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Proposals;

/// <summary>One status change of a proposal: who, when, from → to, by which action, and the reason given.</summary>
public sealed class ProposalStatusEvent : ITenantOwned
{
    public long Id { get; set; }
    public Guid ProposalId { get; set; }
    public Guid PemkabId { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
    public Guid? ActorId { get; set; }
    public ProposalStatus From { get; set; }
    public ProposalStatus To { get; set; }
    public required string Action { get; set; }
    public string? Reason { get; set; }
}

public sealed record TimelineEntry(DateTimeOffset At, Guid? ActorId, string ActorName, string From, string To, string Action, string? Reason);

/// <summary>
/// The status timeline (issue 12.1). Whoever changes a proposal's status adds the event to the same unit of work, so
/// the event and the change commit together or not at all.
/// </summary>
public static class ProposalTimeline
{
    /// <summary>The actions whose reason is required: the author must learn what to fix, or why not.</summary>
    public static bool NeedsReason(string action) => action is "request-revision" or "reject";

    public static void Add(IdeaHubDb db, Proposal p, ProposalStatus from, string action, Guid? actorId, string? reason) =>
        db.Add(new ProposalStatusEvent
        {
            ProposalId = p.Id, PemkabId = p.PemkabId, At = p.UpdatedAt, ActorId = actorId, From = from, To = p.Status,
            Action = action, Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        });

    /// <summary>The timeline of one proposal, oldest first. The caller must already be allowed to see the proposal.</summary>
    public static async Task<List<TimelineEntry>> LoadAsync(IdeaHubDb db, Guid proposalId, CancellationToken ct = default) =>
        await (from e in db.Set<ProposalStatusEvent>()
               where e.ProposalId == proposalId
               join u in db.Users on e.ActorId equals u.Id into actors
               from u in actors.DefaultIfEmpty()
               orderby e.At, e.Id
               select new TimelineEntry(e.At, e.ActorId, u == null ? "" : u.FullName, e.From.ToString(), e.To.ToString(), e.Action, e.Reason))
            .ToListAsync(ct);

    /// <summary>The reason of the latest request for revision: what the team has to fix now.</summary>
    public static TimelineEntry? WhatToFix(IReadOnlyList<TimelineEntry> timeline, ProposalStatus status) =>
        status == ProposalStatus.NeedsRevision ? timeline.LastOrDefault(e => e.Action == "request-revision") : null;
}

internal sealed class ProposalStatusEventConfiguration : IEntityTypeConfiguration<ProposalStatusEvent>
{
    public void Configure(EntityTypeBuilder<ProposalStatusEvent> b)
    {
        b.ToTable("proposal_status_event");
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
        b.Property(e => e.From).HasColumnName("from_status").HasConversion<string>();
        b.Property(e => e.To).HasColumnName("to_status").HasConversion<string>();
        b.HasIndex(e => new { e.ProposalId, e.At, e.Id });
        b.HasOne<Proposal>().WithMany().HasForeignKey(e => e.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}
