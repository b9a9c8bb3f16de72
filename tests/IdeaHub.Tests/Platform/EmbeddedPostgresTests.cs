using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IdeaHub.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IdeaHub.Tests.Platform;

/// <summary>The embedded cluster in throwaway directories (never the checkout's .data/).</summary>
public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"ideahub-embedded-{Guid.NewGuid():N}");

    private EmbeddedPostgresOptions Options(int port = 0) => new() { DataDirectory = _dir, Port = port, Ephemeral = true };

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool Listening(int port)
    {
        try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, port); return true; }
        catch (SocketException) { return false; }
    }

    [Fact]
    public async Task Starts_on_an_empty_directory_keeps_data_across_restarts_and_stops()
    {
        var pg = await EmbeddedPostgres.StartAsync(Options(), NullLogger.Instance);
        await ScalarAsync(pg.ConnectionString, "CREATE TABLE kept AS SELECT 42 AS answer; SELECT 1");
        await pg.StopAsync();
        Assert.False(File.Exists(Path.Combine(_dir, "pg", "postmaster.pid")));
        Assert.False(Listening(pg.Port));

        await using var again = await EmbeddedPostgres.StartAsync(Options(), NullLogger.Instance);
        Assert.Equal(42, await ScalarAsync(again.ConnectionString, "SELECT answer FROM kept"));
    }

    [Fact]
    public async Task A_second_instance_on_the_same_directory_is_refused()
    {
        await using var first = await EmbeddedPostgres.StartAsync(Options(), NullLogger.Instance);
        var e = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(Options(), NullLogger.Instance));
        Assert.Contains("Another IdeaHub instance", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, await ScalarAsync(first.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task A_busy_configured_port_gives_a_clear_error_and_releases_the_directory()
    {
        var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        try
        {
            var e = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(Options(port), NullLogger.Instance));
            Assert.Contains($"Port {port}", e.Message, StringComparison.Ordinal);
            Assert.Contains("already in use", e.Message, StringComparison.Ordinal);
        }
        finally { busy.Stop(); }
        await using var pg = await EmbeddedPostgres.StartAsync(Options(port), NullLogger.Instance);
        Assert.Equal(port, pg.Port);
    }

    [Fact]
    public async Task A_killed_server_leaves_a_stale_pid_file_that_the_next_start_cleans_up()
    {
        var pg = await EmbeddedPostgres.StartAsync(Options(), NullLogger.Instance);
        var pid = pg.ServerPid()!.Value;
        using (var postmaster = Process.GetProcessById(pid))
        {
            postmaster.Kill();
            await postmaster.WaitForExitAsync();
        }
        Assert.True(File.Exists(Path.Combine(_dir, "pg", "postmaster.pid")));
        await pg.StopAsync(); // releases the directory; nothing left to stop
        await WaitForBackendsToExitAsync();

        await using var next = await EmbeddedPostgres.StartAsync(Options(), NullLogger.Instance);
        Assert.NotEqual(pid, next.ServerPid());
        Assert.Equal(1, await ScalarAsync(next.ConnectionString, "SELECT 1"));
    }

    /// <summary>After a postmaster is killed its backends notice and exit; a new server cannot start while they hold its shared memory.</summary>
    private static async Task WaitForBackendsToExitAsync() => await Task.Delay(TimeSpan.FromSeconds(2));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
