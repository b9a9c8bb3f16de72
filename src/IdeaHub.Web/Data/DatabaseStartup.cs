using Microsoft.Extensions.Options;

namespace IdeaHub.Web.Data;

/// <summary>Demo data a feature contributes on the embedded default; never run against production.</summary>
public interface IDemoSeeder
{
    /// <summary>Lower runs first (organisation 0, proposals 100, reviews 200…).</summary>
    int Order { get; }
    Task SeedAsync(IServiceProvider services, CancellationToken ct);
}

public static class DatabaseStartup
{
    /// <summary>Applies pending migrations, then seeds demo data when IdeaHub:SeedDemo (default: on for the embedded cluster) says so.</summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        var info = app.Services.GetRequiredService<IOptions<DatabaseInfo>>().Value;
        await SqlMigrator.MigrateAsync(info.ConnectionString, app.Logger, ct);
        if (!app.Configuration.GetValue("IdeaHub:SeedDemo", info.Embedded)) return;
        foreach (var seeder in app.Services.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await seeder.SeedAsync(scope.ServiceProvider, ct);
        }
    }
}
