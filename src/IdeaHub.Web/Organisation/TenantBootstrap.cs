using IdeaHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Organisation;

/// <summary>
/// Production has no demo data, so the first Pemkab and its administrator come from configuration
/// (IdeaHub:Bootstrap:PemkabCode, PemkabName, Kind, AdminUserName, AdminPassword). Runs at start-up, once:
/// an existing Pemkab with that code is left untouched. The admin then creates OPDs and users or imports CSVs.
/// </summary>
internal sealed class TenantBootstrap(IServiceProvider services, IConfiguration config, ILogger<TenantBootstrap> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var section = config.GetSection("IdeaHub:Bootstrap");
        if (section["PemkabCode"] is not { Length: > 0 } code) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdeaHubDb>();
        if (await db.Pemkabs.AnyAsync(p => p.Code == code, cancellationToken)) return;
        var password = section["AdminPassword"];
        if (string.IsNullOrEmpty(password))
            throw new InvalidOperationException("IdeaHub:Bootstrap:AdminPassword is required to create the first administrator.");

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.Stored)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole<Guid>(role));
        var pemkab = new Pemkab
        {
            Code = code,
            Name = section["PemkabName"] ?? code,
            Kind = Enum.TryParse<PemkabKind>(section["Kind"], ignoreCase: true, out var kind) ? kind : PemkabKind.Kabupaten,
        };
        db.Pemkabs.Add(pemkab);
        await db.SaveChangesAsync(cancellationToken);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = new AppUser { UserName = section["AdminUserName"] ?? $"admin.{code}", FullName = "Administrator", PemkabId = pemkab.Id, EmailConfirmed = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new InvalidOperationException($"Bootstrap administrator: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(admin, Roles.Admin);
        log.LogWarning("Created Pemkab {Code} with administrator {User}", code, admin.UserName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
