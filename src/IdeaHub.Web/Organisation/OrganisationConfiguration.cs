using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdeaHub.Web.Organisation;

internal sealed class PemkabConfiguration : IEntityTypeConfiguration<Pemkab>
{
    public void Configure(EntityTypeBuilder<Pemkab> b)
    {
        b.ToTable("pemkab");
        b.Property(p => p.Kind).HasConversion<string>();
        b.HasIndex(p => p.Code).IsUnique();
    }
}

internal sealed class OpdConfiguration : IEntityTypeConfiguration<Opd>
{
    public void Configure(EntityTypeBuilder<Opd> b)
    {
        b.ToTable("opd");
        b.HasIndex(o => new { o.PemkabId, o.Code }).IsUnique();
        b.HasOne<Pemkab>().WithMany().HasForeignKey(o => o.PemkabId);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.ToTable("users");
        b.HasIndex(u => new { u.PemkabId, u.OpdId });
        b.HasOne<Pemkab>().WithMany().HasForeignKey(u => u.PemkabId);
        b.HasOne<Opd>().WithMany().HasForeignKey(u => u.OpdId);
    }
}

internal sealed class IdentityTablesConfiguration :
    IEntityTypeConfiguration<IdentityRole<Guid>>, IEntityTypeConfiguration<IdentityUserRole<Guid>>,
    IEntityTypeConfiguration<IdentityUserClaim<Guid>>, IEntityTypeConfiguration<IdentityUserLogin<Guid>>,
    IEntityTypeConfiguration<IdentityUserToken<Guid>>, IEntityTypeConfiguration<IdentityRoleClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> b) => b.ToTable("roles");
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> b) => b.ToTable("user_roles");
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> b) => b.ToTable("user_claims");
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> b) => b.ToTable("user_logins");
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> b) => b.ToTable("user_tokens");
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> b) => b.ToTable("role_claims");
}
