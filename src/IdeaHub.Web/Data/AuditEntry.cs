using IdeaHub.Web.Organisation;

namespace IdeaHub.Web.Data;

/// <summary>Who did what, when: one row per state-changing action, never updated.</summary>
public sealed class AuditEntry : ITenantOwned
{
    public long Id { get; set; }
    public Guid PemkabId { get; set; }
    public Guid? ProposalId { get; set; }
    public Guid? ActorId { get; set; }
    public required string Action { get; set; }
    /// <summary>JSON with the action's specifics (old and new status, vote value…).</summary>
    public string? Detail { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
}
