using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using IdeaHub.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IdeaHub.Tests.Platform;

/// <summary>
/// The real app as its own process on the embedded default (a throwaway data directory): killed, it leaves its
/// PostgreSQL running for the next start to adopt; stopped with SIGTERM, it stops PostgreSQL too.
/// </summary>
public sealed partial class EmbeddedAppProcessTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"ideahub-app-{Guid.NewGuid():N}");
    private string PidFile => Path.Combine(_dir, "pg", "postmaster.pid");

    [GeneratedRegex(@"Embedded PostgreSQL started on 127\.0\.0\.1:(\d+)")]
    private static partial Regex StartedOn();

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    private sealed record RunningApp(Process Process, int DbPort, int ServerPid, string Url, System.Collections.Concurrent.ConcurrentQueue<string> Log)
    {
        /// <summary>Completes when the app's log has a line containing <paramref name="text"/>.</summary>
        public Func<string, Task> LogLine { get; init; } = _ => Task.CompletedTask;
    }

    private async Task<RunningApp> StartAppAsync()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "IdeaHub.Web.dll"));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add("http://127.0.0.1:0");
        psi.Environment["IDEAHUB_DATA"] = _dir;
        psi.Environment["ConnectionStrings__IdeaHub"] = "";
        psi.Environment["IdeaHub__SeedDemo"] = "false";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Logging__LogLevel__Default"] = "Information";
        var process = Process.Start(psi)!;
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiters = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            log.Enqueue(e.Data);
            if (StartedOn().Match(e.Data) is { Success: true } m) port.TrySetResult(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (ListeningOn().Match(e.Data) is { Success: true } u) url.TrySetResult(u.Groups[1].Value);
            if (e.Data.Contains("Application started", StringComparison.Ordinal)) started.TrySetResult();
            foreach (var w in waiters) if (e.Data.Contains(w.Key, StringComparison.Ordinal)) w.Value.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = Task.WhenAll(port.Task, started.Task, url.Task);
        if (await Task.WhenAny(ready, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2))) != ready)
        {
            if (!process.HasExited) process.Kill();
            throw new InvalidOperationException("The app did not start:\n" + string.Join('\n', log));
        }
        return new RunningApp(process, await port.Task, int.Parse(File.ReadLines(PidFile).First(), System.Globalization.CultureInfo.InvariantCulture), await url.Task, log)
        {
            LogLine = text => waiters.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task,
        };
    }

    private static bool Alive(int pid) => File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("postgres", StringComparison.Ordinal);

    [Fact]
    public async Task After_the_app_is_killed_the_next_start_adopts_its_running_server()
    {
        var app = await StartAppAsync();
        app.Process.Kill();
        await app.Process.WaitForExitAsync();
        Assert.True(Alive(app.ServerPid), "the crashed app's PostgreSQL should still be running");

        var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _dir }, NullLogger.Instance);
        Assert.Equal(app.DbPort, pg.Port);
        Assert.Equal(app.ServerPid, pg.ServerPid());
        await using (var conn = new NpgsqlConnection(pg.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", conn);
            Assert.True((long)(await cmd.ExecuteScalarAsync())! >= 2);
        }
        await pg.StopAsync();
        Assert.False(Alive(app.ServerPid));
        app.Process.Dispose();
    }

    /// <summary>
    /// Issue 11.11: after kill -9 of the embedded postmaster the app restarts it on the same port by itself; committed
    /// data survives (crash recovery), readiness and sign-in work again, and nothing answered 500 meanwhile.
    /// </summary>
    [Fact]
    public async Task A_killed_embedded_server_is_restarted_by_the_app_and_keeps_committed_data()
    {
        var app = await StartAppAsync();
        var restarted = app.LogLine("Embedded PostgreSQL restarted");
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
        await using (var conn = new NpgsqlConnection(ConnectionString(app.DbPort)))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("CREATE TABLE crash_probe (note text); INSERT INTO crash_probe VALUES ('committed before the crash')", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        using (var kill = Process.Start("kill", ["-KILL", app.ServerPid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();

        // While the server is down or being restarted a request is refused as temporary, never a 500.
        var during = await http.PostAsJsonAsync("/api/auth/token", new { userName = "nobody", password = "salah-sekali" });
        Assert.True(during.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Unauthorized, $"during the outage: {(int)during.StatusCode}");
        var live = await http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await restarted.WaitAsync(cts.Token);
        Assert.NotEqual(app.ServerPid, int.Parse(File.ReadLines(PidFile).First(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/auth/token", new { userName = "nobody", password = "salah-sekali" })).StatusCode);
        await using (var conn = new NpgsqlConnection(ConnectionString(app.DbPort)))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT note FROM crash_probe", conn);
            Assert.Equal("committed before the crash", await cmd.ExecuteScalarAsync());
        }

        using (var term = Process.Start("kill", ["-TERM", app.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        await app.Process.WaitForExitAsync();
        app.Process.Dispose();
    }

    private string ConnectionString(int port) =>
        $"Host=127.0.0.1;Port={port};Username=ideahub;Password={File.ReadAllText(Path.Combine(_dir, "pg.secret")).Trim()};Database=ideahub;Pooling=false";

    [Fact]
    public async Task Stopping_the_app_stops_its_server()
    {
        var app = await StartAppAsync();
        using (var term = Process.Start("kill", ["-TERM", app.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await app.Process.WaitForExitAsync(cts.Token);
        Assert.False(Alive(app.ServerPid));
        Assert.False(File.Exists(PidFile));
        app.Process.Dispose();
    }

    public void Dispose()
    {
        if (File.Exists(PidFile) && int.TryParse(File.ReadLines(PidFile).FirstOrDefault(), out var pid) && Alive(pid))
            using (var p = Process.GetProcessById(pid)) p.Kill();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Which database faults are temporary (503 with Retry-After) rather than a 500.</summary>
public sealed class DatabaseUnavailableTests
{
    [Fact]
    public async Task A_refused_connection_and_a_shutting_down_server_are_unavailable_a_constraint_violation_is_not()
    {
        var probe = new TcpListenerProbe();
        await using var conn = new NpgsqlConnection($"Host=127.0.0.1;Port={probe.ClosedPort};Username=x;Password=x;Timeout=5;Pooling=false");
        var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => conn.OpenAsync());
        Assert.True(IdeaHub.Web.Data.DatabaseUnavailableHandler.IsUnavailable(refused));
        Assert.True(IdeaHub.Web.Data.DatabaseUnavailableHandler.IsUnavailable(
            new InvalidOperationException("wrapped", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"))));
        Assert.False(IdeaHub.Web.Data.DatabaseUnavailableHandler.IsUnavailable(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.False(IdeaHub.Web.Data.DatabaseUnavailableHandler.IsUnavailable(new InvalidOperationException("a bug")));
    }

    private sealed class TcpListenerProbe
    {
        public int ClosedPort { get; }

        public TcpListenerProbe()
        {
            var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            l.Start();
            ClosedPort = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
        }
    }
}
