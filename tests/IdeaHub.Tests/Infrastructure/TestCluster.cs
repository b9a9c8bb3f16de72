using IdeaHub.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdeaHub.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test process (under /tmp, fsync off), removed at exit.
/// Each fixture gets its own database in it, so test classes never see each other's rows.
/// </summary>
public static class TestCluster
{
    private static readonly Lazy<Task<EmbeddedPostgres>> Cluster = new(StartAsync);
    private static string? _dir;

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        _dir = Path.Combine(Path.GetTempPath(), $"ideahub-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _dir, Ephemeral = true, MaxConnections = 500 }, NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            pg.StopAsync().GetAwaiter().GetResult();
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return pg;
    }

    public static async Task<EmbeddedPostgres> GetAsync() => await Cluster.Value;

    /// <summary>A new, empty database with a unique name; returns its connection string.</summary>
    public static async Task<string> NewDatabaseAsync(string prefix = "t")
    {
        var pg = await GetAsync();
        return await pg.CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}");
    }
}
