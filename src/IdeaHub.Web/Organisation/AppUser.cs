using Microsoft.AspNetCore.Identity;

namespace IdeaHub.Web.Organisation;

public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser() => Id = Guid.CreateVersion7();

    public Guid PemkabId { get; set; }
    /// <summary>Required for ASN and Kepala OPD; empty for regency-wide roles.</summary>
    public Guid? OpdId { get; set; }
    public required string FullName { get; set; }
    /// <summary>Civil-servant number (NIP), optional.</summary>
    public string? Nip { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Set when an administrator chose or generated the password: the user picks their own at next sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public string? Culture { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public static class Roles
{
    public const string Asn = "Asn";
    public const string KepalaOpd = "KepalaOpd";
    public const string Reviewer = "Reviewer";
    public const string Bupati = "Bupati";
    public const string Admin = "Admin";

    /// <summary>Runs the deployment (embedders, backfills for every Pemkab); never assignable by a Pemkab admin.</summary>
    public const string Operator = "Operator";

    /// <summary>The roles a Pemkab admin assigns.</summary>
    public static readonly IReadOnlyList<string> All = [Asn, KepalaOpd, Reviewer, Bupati, Admin];

    /// <summary>Every role the database holds.</summary>
    public static readonly IReadOnlyList<string> Stored = [.. All, Operator];

    /// <summary>Roles whose holders belong to exactly one OPD.</summary>
    public static bool NeedsOpd(string role) => role is Asn or KepalaOpd;
}
