using System.Security.Cryptography.X509Certificates;
using IdeaHub.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace IdeaHub.Web.Cluster;

/// <summary>
/// What lets several app instances serve one deployment: the Data Protection key ring in PostgreSQL (so cookies,
/// antiforgery tokens and bearer tokens issued by one instance are valid on all) and, when
/// <c>ConnectionStrings:Redis</c> is set, the SignalR Redis backplane (so a push made on one instance reaches
/// connections held by any). A single instance without Redis works exactly as before.
/// </summary>
public static class ClusterExtensions
{
    public const string ApplicationName = "IdeaHub";

    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDrain(configuration);
        services.AddDbContext<KeyRingDb>((sp, o) =>
            o.UseNpgsql(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseInfo>>().Value.ConnectionString)
             .UseSnakeCaseNamingConvention());
        var protection = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<KeyRingDb>();
        // Keys at rest: encrypted with the configured certificate where one is given (a PFX file and its password,
        // e.g. from a secret store); without one, ASP.NET Core logs that keys are stored unencrypted, as documented in
        // docs/operations.md.
        if (configuration["IdeaHub:DataProtection:CertificatePath"] is { Length: > 0 } certPath)
        {
            var cert = X509CertificateLoader.LoadPkcs12FromFile(certPath, configuration["IdeaHub:DataProtection:CertificatePassword"]);
            protection.ProtectKeysWithCertificate(cert);
        }

        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            // One Redis may serve several deployments; the prefix keeps their channels apart.
            var prefix = configuration["IdeaHub:Cluster:ChannelPrefix"] ?? ApplicationName;
            services.AddSignalR().AddStackExchangeRedis(redis, o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal(prefix);
                o.Configuration.AbortOnConnectFail = false;
            });
            services.AddSingleton(sp => new RedisSessionEndRelay(redis, prefix, sp.GetRequiredService<Organisation.SessionGuard>(),
                sp.GetRequiredService<Organisation.HubSessions>(), sp.GetRequiredService<ILogger<RedisSessionEndRelay>>()));
            services.AddSingleton<Organisation.ISessionEndRelay>(sp => sp.GetRequiredService<RedisSessionEndRelay>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisSessionEndRelay>());
        }
        return services;
    }
}

/// <summary>The Data Protection key ring's own context over the app's database (table data_protection_keys, migration 0600).</summary>
public sealed class KeyRingDb(DbContextOptions<KeyRingDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
