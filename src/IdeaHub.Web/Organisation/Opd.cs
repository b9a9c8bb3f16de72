namespace IdeaHub.Web.Organisation;

/// <summary>An organisasi perangkat daerah (dinas, badan, kecamatan, RSUD…) of one Pemkab.</summary>
public sealed class Opd : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    /// <summary>Short code unique within the Pemkab, used in demo logins (kepala.&lt;code&gt;).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
