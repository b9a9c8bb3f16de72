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

    /// <summary>
    /// A role as an import file may write it: the code ("KepalaOpd") or the name the UI shows, in Indonesian or
    /// English ("Kepala OPD", "Tim Inovasi", "Innovation team"), case and spaces ignored (issue 12.15).
    /// </summary>
    public static string? Parse(string text)
    {
        var key = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        return All.FirstOrDefault(r => r.Equals(key, StringComparison.OrdinalIgnoreCase)) ?? key switch
        {
            "timinovasi" or "innovationteam" => Reviewer,
            "pimpinandaerah" or "pimpinan" or "regionalleadership" => Bupati,
            "civilservant" => Asn,
            "agencyhead" => KepalaOpd,
            "administrator" => Admin,
            _ => null,
        };
    }

    /// <summary>Roles whose holders belong to exactly one OPD.</summary>
    public static bool NeedsOpd(string role) => role is Asn or KepalaOpd;
}
