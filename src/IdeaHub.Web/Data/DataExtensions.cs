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
            connectionString = pg.ConnectionString;
        }
        builder.Services.Configure<DatabaseInfo>(o => { o.ConnectionString = connectionString!; o.Embedded = embedded; });
        builder.Services.AddDbContext<IdeaHubDb>((sp, o) => o.UseNpgsql(connectionString, n => n.UseVector()).UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<SessionStampInterceptor>()));
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

internal sealed class EmbeddedPostgresLifetime(EmbeddedPostgres pg) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => pg.StopAsync(CancellationToken.None);
}
