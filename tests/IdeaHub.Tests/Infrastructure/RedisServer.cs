using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IdeaHub.Tests.Infrastructure;

/// <summary>
/// A real redis-server (Debian's, installed by eng/setup.sh) on a free loopback port, without persistence, owned by
/// the test process. Started and stopped like the embedded PostgreSQL: no Docker here.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    private RedisServer(Process process, int port) => (_process, Port) = (process, port);

    public static async Task<RedisServer> StartAsync()
    {
        var binary = Environment.GetEnvironmentVariable("IDEAHUB_REDIS_SERVER") ?? "/usr/bin/redis-server";
        if (!File.Exists(binary)) throw new InvalidOperationException($"{binary} not found: run eng/setup.sh (it installs redis-server).");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes" })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { ready.TrySetException(new InvalidOperationException($"redis-server exited: {log}")); return; }
            lock (log) log.AppendLine(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal)) ready.TrySetResult();
        };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new RedisServer(p, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
