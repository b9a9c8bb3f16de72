using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IdeaHub.Web.Data;

internal sealed class MigrationsHealthCheck(IOptions<DatabaseInfo> db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await SqlMigrator.PendingAsync(db.Value.ConnectionString, cancellationToken);
        return pending.Count == 0
            ? HealthCheckResult.Healthy("All migrations applied")
            : HealthCheckResult.Unhealthy($"Pending migrations: {string.Join(", ", pending)}");
    }
}
