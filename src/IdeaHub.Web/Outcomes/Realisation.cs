using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Outcomes;

/// <summary>The value an indicator reached in one month (period: the first day of that month), as its team reported it.</summary>
public sealed class Realisation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    public Guid ProposalId { get; set; }
    public Guid IndicatorId { get; set; }
    public DateOnly Period { get; set; }
    public decimal Value { get; set; }
    public string Note { get; set; } = "";
    public Guid ReportedBy { get; set; }
    public DateTimeOffset ReportedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class RealisationConfiguration : IEntityTypeConfiguration<Realisation>
{
    public void Configure(EntityTypeBuilder<Realisation> b)
    {
        b.ToTable("indicator_realisation");
        b.Property(r => r.Value).HasPrecision(20, 4);
        b.HasIndex(r => new { r.IndicatorId, r.Period }).IsUnique();
    }
}

/// <summary>
/// A proposal's overall outcome (written by <see cref="OutcomeService"/> on each report): achieved when every indicator
/// is, at risk when any is at risk or missed, on track when any is on track, else no data. Not tenant-filtered: it is
/// only ever joined to proposals the caller may see.
/// </summary>
public sealed class ProposalOutcome
{
    public Guid ProposalId { get; set; }
    public Guid PemkabId { get; set; }
    public OutcomeState State { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class ProposalOutcomeConfiguration : IEntityTypeConfiguration<ProposalOutcome>
{
    public void Configure(EntityTypeBuilder<ProposalOutcome> b)
    {
        b.ToTable("proposal_outcome");
        b.HasKey(o => o.ProposalId);
        b.Property(o => o.State).HasConversion<string>();
    }
}

/// <summary>Marker for the outcomes, evidence and catalogue UI strings (Resources/Outcomes/OutcomesText.resx).</summary>
public sealed class OutcomesText;
