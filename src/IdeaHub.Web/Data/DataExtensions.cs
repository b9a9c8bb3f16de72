using IdeaHub.Web.Platform;
using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Data;

public static class DataExtensions
{
    /// <summary>
    /// Uses ConnectionStrings:IdeaHub when set; otherwise starts the embedded private cluster (data under
    /// IDEAHUB_DATA or .data/ in the checkout) and stops it when the app stops.
    /// </summary>
    public static async Task<WebApplicationBuilder> AddIdeaHubDataAsync(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("IdeaHub");
        var embedded = string.IsNullOrWhiteSpace(connectionString);
        if (embedded)
        {
            // Same console format as the app (Logging:Console:FormatterName=json gives JSON lines).
            using var loggerFactory = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
            var dataDir = builder.Configuration["IdeaHub:DataDirectory"] ?? Environment.GetEnvironmentVariable("IDEAHUB_DATA")
                ?? Path.Combine(FindCheckoutRoot(builder.Environment.ContentRootPath), ".data");
            var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
            {
                DataDirectory = Path.GetFullPath(dataDir),
                Port = builder.Configuration.GetValue("IdeaHub:Embedded:Port", 0),
            }, loggerFactory.CreateLogger<EmbeddedPostgres>());
            builder.Services.AddSingleton(pg);
            builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
            builder.Services.AddHealthChecks().AddCheck<EmbeddedPostgresHealthCheck>("embedded-postgres", tags: ["live", "ready"]);
            connectionString = pg.ConnectionString;
        }
        builder.Services.Configure<DatabaseInfo>(o => { o.ConnectionString = connectionString!; o.Embedded = embedded; });
        builder.Services.AddDbContext<IdeaHubDb>((sp, o) => o.UseNpgsql(connectionString, n => n.UseVector()).UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<SessionStampInterceptor>()));
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddScoped(sp => Caller.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<IdeaHubDb>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"]);
        return builder;
    }

    private static string FindCheckoutRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IdeaHub.sln"))) return dir.FullName;
        return start;
    }
}

public sealed class DatabaseInfo
{
    public string ConnectionString { get; set; } = "";
    public bool Embedded { get; set; }
}

/// <summary>Supervises the embedded server while the app runs (restarts it after a crash) and stops it with the app.</summary>
internal sealed class EmbeddedPostgresLifetime(EmbeddedPostgres pg, IConfiguration config) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = config.GetValue("IdeaHub:Embedded:SuperviseInterval", TimeSpan.FromSeconds(1));
        var giveUpAfter = config.GetValue("IdeaHub:Embedded:RestartAttempts", 10);
        try { await pg.SuperviseAsync(interval, giveUpAfter, stoppingToken); }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Supervision ends first, so stopping the server is not taken for a crash.
        await base.StopAsync(cancellationToken);
        await pg.StopAsync(CancellationToken.None);
    }
}

/// <summary>
/// Liveness and readiness of the embedded server: degraded (still live, not ready) while supervision restarts it,
/// unhealthy once restarts keep failing, a state this process cannot leave by itself.
/// </summary>
internal sealed class EmbeddedPostgresHealthCheck(EmbeddedPostgres pg) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(pg.State switch
        {
            EmbeddedPostgresState.Running => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(),
            // Degraded answers 200: live; readiness fails on the database check meanwhile.
            EmbeddedPostgresState.Restarting => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded(
                "The embedded PostgreSQL server is being restarted after a crash."),
            _ => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("The embedded PostgreSQL server could not be restarted."),
        });
}
