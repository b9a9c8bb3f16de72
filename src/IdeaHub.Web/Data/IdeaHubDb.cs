using IdeaHub.Web.Platform;
using System.Linq.Expressions;
using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Data;

/// <summary>
/// The one DbContext. Schema comes from the SQL files under each feature's Migrations/ folder (see
/// <see cref="SqlMigrator"/>); entity configurations live beside their features. Every <see cref="ITenantOwned"/>
/// entity is filtered to the current Pemkab.
/// </summary>
public sealed class IdeaHubDb(DbContextOptions<IdeaHubDb> options, TenantContext tenant)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public Guid? TenantId => tenant.PemkabId;

    public DbSet<Pemkab> Pemkabs => Set<Pemkab>();
    public DbSet<Opd> Opds => Set<Opd>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(IdeaHubDb).Assembly);
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
            builder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
    }

    private LambdaExpression TenantFilter(Type type)
    {
        var e = Expression.Parameter(type, "e");
        var pemkab = Expression.Property(e, nameof(ITenantOwned.PemkabId));
        var current = Expression.Property(Expression.Constant(this), nameof(TenantId));
        return Expression.Lambda(Expression.Equal(Expression.Convert(pemkab, typeof(Guid?)), current), e);
    }

    /// <summary>Records an audit entry in the same unit of work as the change it describes.</summary>
    public void AddAudit(Guid pemkabId, Guid? actorId, string action, Guid? proposalId = null, object? detail = null) =>
        Audit.Add(new AuditEntry
        {
            PemkabId = pemkabId,
            ActorId = actorId,
            Action = action,
            ProposalId = proposalId,
            Detail = detail is null ? null : System.Text.Json.JsonSerializer.Serialize(detail),
        });
}
