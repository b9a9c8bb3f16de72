using Microsoft.AspNetCore.Authorization;

namespace IdeaHub.Web.Organisation;

/// <summary>Named authorisation policies. Per-OPD and per-proposal scope is checked in handlers against the resource.</summary>
public static class Policies
{
    public const string Asn = "Asn";
    public const string KepalaOpd = "KepalaOpd";
    public const string Reviewer = "Reviewer";
    /// <summary>Kepala OPD or Tim Inovasi: may review, score and comment.</summary>
    public const string Reviewing = "Reviewing";
    /// <summary>Bupati, Wakil, Sekda: the read-only leadership dashboard.</summary>
    public const string Leadership = "Leadership";
    public const string Admin = "Admin";
    /// <summary>Deployment-wide operations (embedders and backfills of every Pemkab).</summary>
    public const string Operator = "Operator";

    public static AuthorizationBuilder AddIdeaHubPolicies(this AuthorizationBuilder auth) => auth
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(IdeaHubClaims.PemkabId).Build())
        .AddPolicy(Asn, p => p.RequireRole(Roles.Asn).RequireClaim(IdeaHubClaims.OpdId))
        .AddPolicy(KepalaOpd, p => p.RequireRole(Roles.KepalaOpd).RequireClaim(IdeaHubClaims.OpdId))
        .AddPolicy(Reviewer, p => p.RequireRole(Roles.Reviewer))
        .AddPolicy(Reviewing, p => p.RequireRole(Roles.KepalaOpd, Roles.Reviewer))
        .AddPolicy(Leadership, p => p.RequireRole(Roles.Bupati))
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Operator, p => p.RequireRole(Roles.Operator));
}
