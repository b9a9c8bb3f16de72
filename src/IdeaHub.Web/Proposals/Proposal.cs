using IdeaHub.Web.Organisation;

namespace IdeaHub.Web.Proposals;

/// <summary>An innovation proposal, shaped after Kemendagri's regional innovation profile.</summary>
public sealed class Proposal : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    public Guid OpdId { get; set; }
    public Guid AuthorId { get; set; }

    /// <summary>Nama inovasi.</summary>
    public string Title { get; set; } = "";
    /// <summary>Tahapan.</summary>
    public InnovationStage Stage { get; set; } = InnovationStage.Inisiatif;
    /// <summary>Inisiator.</summary>
    public Initiator Initiator { get; set; } = Initiator.Asn;
    /// <summary>Jenis: digital or not.</summary>
    public InnovationKind Kind { get; set; } = InnovationKind.Digital;
    /// <summary>Bentuk.</summary>
    public InnovationForm Form { get; set; } = InnovationForm.PelayananPublik;
    /// <summary>Urusan pemerintahan (one of <see cref="Urusan.All"/>).</summary>
    public string Urusan { get; set; } = "";
    /// <summary>Waktu uji coba.</summary>
    public DateOnly? TrialDate { get; set; }
    /// <summary>Waktu penerapan.</summary>
    public DateOnly? ImplementationDate { get; set; }
    /// <summary>The problem, in numbers.</summary>
    public string Problem { get; set; } = "";
    /// <summary>Rancang bangun: design and background (the national form asks for at least 300 words).</summary>
    public string Design { get; set; } = "";
    /// <summary>Tujuan.</summary>
    public string Goals { get; set; } = "";
    /// <summary>Manfaat.</summary>
    public string Benefits { get; set; } = "";
    /// <summary>Hasil.</summary>
    public string Results { get; set; } = "";

    public ProposalStatus Status { get; set; } = ProposalStatus.Draft;
    /// <summary>Number of the latest saved revision (1 after the first save).</summary>
    public int RevisionNumber { get; set; }
    /// <summary>Set when a reviewer merged this proposal into another as its duplicate.</summary>
    public Guid? MergedIntoId { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>PostgreSQL xmin: optimistic concurrency for edits and status changes.</summary>
    public uint Version { get; set; }

    public List<Indicator> Indicators { get; set; } = [];
    /// <summary>Co-proposers; the access rule needs them loaded (ProposalReader always includes them).</summary>
    public List<ProposalCoAuthor> CoAuthors { get; set; } = [];
}

/// <summary>A SMART indicator: what is measured, in which unit, from what baseline to what target by when.</summary>
public sealed class Indicator
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProposalId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public decimal? Baseline { get; set; }
    public decimal? Target { get; set; }
    public DateOnly? TargetDate { get; set; }
    /// <summary>Whether a higher or a lower value is better; Auto infers it from the name and unit.</summary>
    public IndicatorDirection Direction { get; set; } = IndicatorDirection.Auto;
}

public enum InnovationStage { Inisiatif, UjiCoba, Penerapan }

public enum Initiator { KepalaDaerah, AnggotaDprd, Opd, Asn, Masyarakat }

public enum InnovationKind { Digital, NonDigital }

public enum InnovationForm { TataKelola, PelayananPublik, Lainnya }

public enum IndicatorDirection { Auto, Increase, Decrease }

public enum ProposalStatus { Draft, Submitted, InReview, NeedsRevision, ApprovedForTrial, Implemented, Rejected, Archived }
