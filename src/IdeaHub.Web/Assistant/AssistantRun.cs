using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Assistant;

public static class RunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string InvalidOutput = "invalid_output";
    public const string NotConfigured = "not_configured";
    public const string Busy = "busy";
    /// <summary>The prompt does not fit the model's context: the ASN must shorten their text (never transient).</summary>
    public const string TooLong = "too_long";
    public const string Timeout = "timeout";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
}

/// <summary>One call of the model for one proposal: what was asked (prompt and version), of which model, at what cost.</summary>
public sealed class AssistantRun : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    public Guid ProposalId { get; set; }
    public Guid UserId { get; set; }
    public string PromptName { get; set; } = "";
    public string PromptVersion { get; set; } = "";
    public string ModelId { get; set; } = "";
    public string Status { get; set; } = RunStatus.Running;
    public string? Error { get; set; }
    public int? TokensIn { get; set; }
    public int? TokensOut { get; set; }
    public int? DurationMs { get; set; }
    /// <summary>The raw model output (bounded by the schema), kept to study prompt quality.</summary>
    public string? Output { get; set; }
    public DateTimeOffset StartedAt { get; set; } = DateTimeOffset.UtcNow;
}

public static class SuggestionState
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}

/// <summary>A change the model proposed: new text for one field, or a new indicator.</summary>
public sealed class AssistantSuggestion : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    public Guid RunId { get; set; }
    public Guid ProposalId { get; set; }
    public int Position { get; set; }
    /// <summary>"field" or "indicator".</summary>
    public string Kind { get; set; } = "field";
    public string Field { get; set; } = "";
    public string Suggestion { get; set; } = "";
    public string Reason { get; set; } = "";
    /// <summary>JSON of <see cref="IndicatorData"/> for indicator suggestions.</summary>
    public string? Indicator { get; set; }
    public string State { get; set; } = SuggestionState.Pending;
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public int? AppliedRevision { get; set; }
}

internal sealed class AssistantConfiguration : IEntityTypeConfiguration<AssistantRun>, IEntityTypeConfiguration<AssistantSuggestion>
{
    public void Configure(EntityTypeBuilder<AssistantRun> b)
    {
        b.ToTable("assistant_run");
        b.HasIndex(r => r.ProposalId);
        b.HasOne<Proposal>().WithMany().HasForeignKey(r => r.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AssistantSuggestion> b)
    {
        b.ToTable("assistant_suggestion");
        b.Property(s => s.Indicator).HasColumnType("jsonb");
        b.HasIndex(s => s.RunId);
        b.HasOne<AssistantRun>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Proposal>().WithMany().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}
