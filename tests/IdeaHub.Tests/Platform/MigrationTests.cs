using System.Reflection;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdeaHub.Tests.Platform;

public sealed class MigrationTests
{
    [Fact]
    public async Task All_scripts_apply_to_an_empty_database_and_the_model_matches_the_schema()
    {
        var cs = await TestCluster.NewDatabaseAsync("migr");
        Assert.Equal(SqlMigrator.Scripts.Count, await SqlMigrator.MigrateAsync(cs, NullLogger.Instance));
        Assert.Empty(await SqlMigrator.PendingAsync(cs));
        Assert.Equal(0, await SqlMigrator.MigrateAsync(cs, NullLogger.Instance));

        var options = new DbContextOptionsBuilder<IdeaHubDb>().UseNpgsql(cs, n => n.UseVector()).UseSnakeCaseNamingConvention().Options;
        await using var db = new IdeaHubDb(options, new IdeaHub.Web.Platform.TenantContext(new HttpContextAccessor()));
        var query = typeof(MigrationTests).GetMethod(nameof(QueryAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        var entities = db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType != typeof(Dictionary<string, object>)).ToList();
        Assert.True(entities.Count >= 10);
        foreach (var entity in entities)
            // Selecting every mapped column fails if a table or column is missing or mistyped.
            await (Task)query.MakeGenericMethod(entity.ClrType).Invoke(null, [db])!;

        // The Cluster feature's own context (Data Protection keys) maps onto its migration too.
        await using (var keys = new IdeaHub.Web.Cluster.KeyRingDb(new DbContextOptionsBuilder<IdeaHub.Web.Cluster.KeyRingDb>().UseNpgsql(cs).UseSnakeCaseNamingConvention().Options))
            Assert.Empty(await keys.DataProtectionKeys.ToListAsync());

        await using var conn = new Npgsql.NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var ext = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_extension WHERE extname IN ('vector', 'pg_trgm')", conn);
        Assert.Equal(2L, await ext.ExecuteScalarAsync());
    }

    private static Task QueryAsync<T>(IdeaHubDb db) where T : class => db.Set<T>().IgnoreQueryFilters().Take(1).ToListAsync();
}
