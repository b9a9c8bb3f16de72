namespace IdeaHub.Web.Organisation;

/// <summary>A regency or city government: the tenant every row of domain data belongs to.</summary>
public sealed class Pemkab
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public PemkabKind Kind { get; set; } = PemkabKind.Kabupaten;
    /// <summary>IANA zone for the regency's WIB/WITA/WIT clock, e.g. "Asia/Jakarta".</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public enum PemkabKind { Kabupaten, Kota }

/// <summary>Marks an entity owned by one Pemkab; the DbContext filters every query by the caller's Pemkab.</summary>
public interface ITenantOwned
{
    Guid PemkabId { get; set; }
}
