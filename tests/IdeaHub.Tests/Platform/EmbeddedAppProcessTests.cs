using System.Diagnostics;
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

    private sealed record RunningApp(Process Process, int DbPort, int ServerPid);

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
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            log.Enqueue(e.Data);
            if (StartedOn().Match(e.Data) is { Success: true } m) port.TrySetResult(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            if (e.Data.Contains("Application started", StringComparison.Ordinal)) started.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = Task.WhenAll(port.Task, started.Task);
        if (await Task.WhenAny(ready, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2))) != ready)
        {
            if (!process.HasExited) process.Kill();
            throw new InvalidOperationException("The app did not start:\n" + string.Join('\n', log));
        }
        return new RunningApp(process, await port.Task, int.Parse(File.ReadLines(PidFile).First(), System.Globalization.CultureInfo.InvariantCulture));
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
