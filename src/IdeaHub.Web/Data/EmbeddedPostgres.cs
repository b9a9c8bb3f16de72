using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace IdeaHub.Web.Data;

public sealed record EmbeddedPostgresOptions
{
    public required string DataDirectory { get; init; }
    public string BinDirectory { get; init; } = "/usr/lib/postgresql/15/bin";
    /// <summary>0 picks a free loopback port at each start.</summary>
    public int Port { get; init; }
    public string Database { get; init; } = "ideahub";
    /// <summary>Throwaway clusters (tests) trade durability for speed.</summary>
    public bool Ephemeral { get; init; }
    /// <summary>
    /// The server's max_connections; 0 keeps PostgreSQL's default (100). A test process runs many apps at once,
    /// each with its own pools, so the shared test cluster asks for more.
    /// </summary>
    public int MaxConnections { get; init; }
}

/// <summary>
/// A private PostgreSQL cluster owned by this process: initialised on first use, reused afterwards,
/// reachable only on 127.0.0.1 with a generated password. PostgreSQL refuses to run as root, so as root
/// the server runs as the 'postgres' user.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string User = "ideahub";
    private readonly EmbeddedPostgresOptions _options;
    private readonly ILogger _log;
    private string ClusterDir => Path.Combine(_options.DataDirectory, "pg");
    private string SecretFile => Path.Combine(_options.DataDirectory, "pg.secret");

    private FileStream? _instanceLock;

    public int Port { get; private set; }
    public string ConnectionString { get; private set; } = "";

    private EmbeddedPostgres(EmbeddedPostgresOptions options, ILogger log) => (_options, _log) = (options, log);

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, ILogger log, CancellationToken ct = default)
    {
        var pg = new EmbeddedPostgres(options, log);
        try
        {
            await pg.StartCoreAsync(ct);
        }
        catch
        {
            // A failed start (busy port, broken cluster) must not keep this data directory locked.
            pg._instanceLock?.Dispose();
            throw;
        }
        return pg;
    }

    private static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    private async Task StartCoreAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(_options.BinDirectory, "postgres")))
            throw new EmbeddedPostgresException($"PostgreSQL 15 server binaries not found in {_options.BinDirectory}. Run eng/setup.sh.");
        Directory.CreateDirectory(_options.DataDirectory);
        TakeInstanceLock();
        var password = EnsureSecret();
        if (!File.Exists(Path.Combine(ClusterDir, "PG_VERSION")))
            await InitDbAsync(password, ct);

        var running = RunningPort();
        if (running is int livePort)
        {
            _log.LogInformation("Reusing the embedded PostgreSQL already running on port {Port}", livePort);
            Port = livePort;
        }
        else
        {
            await StartServerAsync(_options.Port != 0 ? EnsurePortFree(_options.Port) : FreePort(), ct);
            _log.LogInformation("Embedded PostgreSQL started on 127.0.0.1:{Port} (data {Dir})", Port, ClusterDir);
        }
        var admin = $"Host=127.0.0.1;Port={Port};Username={User};Password={password};Database=postgres;Pooling=false";
        await EnsureDatabaseAsync(admin, _options.Database, ct);
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username={User};Password={password};Database={_options.Database}";
    }

    private async Task StartServerAsync(int port, CancellationToken ct)
    {
        RemoveStalePidFile();
        Port = port;
        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
        if (_options.Ephemeral) settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        if (_options.MaxConnections > 0) settings += $" -c max_connections={_options.MaxConnections}";
        await RunAsync("pg_ctl", ["-D", ClusterDir, "-l", Path.Combine(ClusterDir, "server.log"), "-w", "-t", "60", "-o", settings, "start"], ct);
    }

    /// <summary>Whether the server this process started (or adopted) is running: its postmaster is alive.</summary>
    public bool IsServerAlive() => ServerPid() is int pid && ProcessAlive(pid);

    /// <summary>Running, restarting after a crash, or given up (liveness then fails so the process is restarted).</summary>
    public EmbeddedPostgresState State { get; private set; } = EmbeddedPostgresState.Running;

    /// <summary>How many times supervision restarted the server after it died.</summary>
    public int Restarts { get; private set; }

    /// <summary>Completed (and replaced) each time supervision has the server running again after a crash.</summary>
    private TaskCompletionSource _restarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Task NextRestart => _restarted.Task;

    /// <summary>
    /// Supervises the server for the app's lifetime (issue 11.11): a postmaster that died (kill -9, out of memory) is
    /// started again on the same port, so the connection string stays valid, with backoff from 1 s to 30 s while a
    /// start fails (orphaned backends keep the old shared memory for a moment). PostgreSQL's crash recovery replays
    /// the WAL, so committed data is kept. After <paramref name="giveUpAfter"/> failed starts in a row the state is
    /// <see cref="EmbeddedPostgresState.Failed"/>, which liveness reports, and supervision keeps trying.
    /// pg_ctl daemonises the postmaster, so it is not our child and its exit cannot be awaited: the pid is checked
    /// every <paramref name="interval"/>.
    /// </summary>
    public async Task SuperviseAsync(TimeSpan interval, int giveUpAfter, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (IsServerAlive()) continue;
            State = EmbeddedPostgresState.Restarting;
            _log.LogError("Embedded PostgreSQL (data {Dir}) is not running; restarting it on port {Port}", ClusterDir, Port);
            var backoff = TimeSpan.FromSeconds(1);
            for (var failures = 0; ; failures++)
            {
                try
                {
                    await StartServerAsync(Port, ct);
                    break;
                }
                catch (EmbeddedPostgresException e)
                {
                    if (failures + 1 >= giveUpAfter) State = EmbeddedPostgresState.Failed;
                    _log.LogError("Embedded PostgreSQL did not start (attempt {Attempt}), next try in {Delay}: {Error}", failures + 1, backoff, e.Message);
                    await Task.Delay(backoff, ct);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                }
            }
            // Pooled connections to the dead server are broken; drop them so the next request opens fresh ones.
            Npgsql.NpgsqlConnection.ClearAllPools();
            Restarts++;
            State = EmbeddedPostgresState.Running;
            _log.LogWarning("Embedded PostgreSQL restarted on 127.0.0.1:{Port} after a crash (restart {Count})", Port, Restarts);
            Interlocked.Exchange(ref _restarted, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>Creates an empty database in this cluster and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await EnsureDatabaseAsync(admin.ConnectionString, name, ct);
        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task EnsureDatabaseAsync(string adminConnection, string database, CancellationToken ct)
    {
        await using var conn = new Npgsql.NpgsqlConnection(adminConnection);
        await conn.OpenAsync(ct);
        await using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        exists.Parameters.AddWithValue("n", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "", StringComparison.Ordinal)}\" ENCODING 'UTF8' TEMPLATE template0", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private string EnsureSecret()
    {
        if (File.Exists(SecretFile)) return File.ReadAllText(SecretFile).Trim();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(SecretFile, secret);
        File.SetUnixFileMode(SecretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }

    private async Task InitDbAsync(string password, CancellationToken ct)
    {
        _log.LogInformation("Initialising a private PostgreSQL cluster in {Dir}", ClusterDir);
        Directory.CreateDirectory(ClusterDir);
        var pwFile = Path.Combine(_options.DataDirectory, "pg.initpw");
        await File.WriteAllTextAsync(pwFile, password, ct);
        try
        {
            if (IsRoot) await RunRawAsync("chown", ["-R", "postgres:postgres", ClusterDir, pwFile], ct);
            await RunAsync("initdb", ["-D", ClusterDir, "-U", User, "--pwfile", pwFile, "--auth-host=scram-sha-256", "--auth-local=reject", "-E", "UTF8", "--locale=C.UTF-8"], ct);
        }
        finally
        {
            File.Delete(pwFile);
        }
    }

    /// <summary>
    /// One app per data directory: a second instance would share, and then stop, the first one's server.
    /// A server left running by a crashed instance is adopted by the next one.
    /// </summary>
    private void TakeInstanceLock()
    {
        var path = Path.Combine(_options.DataDirectory, "app.lock");
        try
        {
            _instanceLock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // The lock file itself cannot be read by others while locked, so the owner's pid goes beside it.
            File.WriteAllText(path + ".pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            string other;
            try { other = File.ReadAllText(path + ".pid").Trim(); } catch (IOException) { other = "?"; }
            throw new EmbeddedPostgresException($"Another IdeaHub instance (pid {other}) is already running with data directory {_options.DataDirectory}. Stop it first, or give this one its own IDEAHUB_DATA.");
        }
    }

    private int? RunningPort()
    {
        var pidFile = Path.Combine(ClusterDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        string[] lines;
        try { lines = File.ReadAllLines(pidFile); } catch (IOException) { return null; }
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port)) return null;
        if (!ProcessAlive(pid)) return null;
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return port;
        }
        catch (SocketException) { return null; }
    }

    private static bool ProcessAlive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited && File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("postgres", StringComparison.Ordinal); }
        catch (ArgumentException) { return false; }
    }

    private void RemoveStalePidFile()
    {
        var pidFile = Path.Combine(ClusterDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return;
        _log.LogWarning("Removing stale PostgreSQL pid file {File} (its server is not running)", pidFile);
        File.Delete(pidFile);
    }

    private static int EnsurePortFree(int port)
    {
        try
        {
            var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            l.Stop();
            return port;
        }
        catch (SocketException)
        {
            throw new EmbeddedPostgresException($"Port {port} on 127.0.0.1 is already in use by another program. Choose another with IdeaHub:Embedded:Port or set it to 0 to pick a free one.");
        }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        try
        {
            // A server that died (kill -9) leaves its pid file behind; the next start removes it.
            if (ServerPid() is not int pid || !ProcessAlive(pid)) return;
            await RunAsync("pg_ctl", ["-D", ClusterDir, "-m", "fast", "-w", "-t", "60", "stop"], ct);
            // pg_ctl returns once the pid file is gone; the postmaster exits a moment later. "Stopped" means gone
            // (a start right after must not meet it). It is not our child, so its exit is polled.
            for (var deadline = DateTime.UtcNow.AddSeconds(10); ProcessAlive(pid) && DateTime.UtcNow < deadline;)
                await Task.Delay(20, CancellationToken.None);
            _log.LogInformation("Embedded PostgreSQL stopped");
        }
        finally
        {
            _instanceLock?.Dispose();
            _instanceLock = null;
        }
    }

    /// <summary>The postmaster's process id from its pid file, when there is one.</summary>
    public int? ServerPid()
    {
        var pidFile = Path.Combine(ClusterDir, "postmaster.pid");
        try { return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null; }
        catch (IOException) { return null; }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private Task RunAsync(string tool, string[] args, CancellationToken ct)
    {
        var exe = Path.Combine(_options.BinDirectory, tool);
        return IsRoot ? RunRawAsync("runuser", ["-u", "postgres", "--", exe, .. args], ct) : RunRawAsync(exe, args, ct);
    }

    private static async Task RunRawAsync(string exe, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new EmbeddedPostgresException($"Could not start {exe}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
            throw new EmbeddedPostgresException($"{Path.GetFileName(exe)} {string.Join(' ', args)} failed ({p.ExitCode}): {await stderr}{await stdout}");
    }
}

public enum EmbeddedPostgresState { Running, Restarting, Failed }

public sealed class EmbeddedPostgresException(string message) : Exception(message);
