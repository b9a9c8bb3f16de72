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
        // Seeders skip what exists, but two instances starting together would both see "missing" and insert twice:
        // one instance seeds at a time (session advisory lock on its own connection), the next finds it done.
        await using var lockConn = new Npgsql.NpgsqlConnection(info.ConnectionString);
        await lockConn.OpenAsync(ct);
        // No command timeout: another instance may seed for longer than the default 30 s.
        await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(@k)", lockConn) { CommandTimeout = 0 })
        {
            take.Parameters.AddWithValue("k", SeedLockKey);
            await take.ExecuteNonQueryAsync(ct);
        }
        try
        {
            foreach (var seeder in app.Services.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
            {
                await using var scope = app.Services.CreateAsyncScope();
                await seeder.SeedAsync(scope.ServiceProvider, ct);
            }
        }
        finally
        {
            await using var release = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(@k)", lockConn);
            release.Parameters.AddWithValue("k", SeedLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private const long SeedLockKey = 0x1DEA_5EED_2026;
}
