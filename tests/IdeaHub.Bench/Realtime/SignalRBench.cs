using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using IdeaHub.Tests.Realtime;

namespace IdeaHub.Bench.Realtime;

/// <summary>
/// signalr: starts <see cref="BenchServer"/> as a child process, connects N authenticated clients to /hubs/feedback
/// (raw SignalR JSON protocol), lets reviewers PUT reviews at a steady rate through the real API, and measures
/// commit→client latency; then does the same with the same clients' bare WebSockets (the floor).
/// </summary>
internal static class SignalRBench
{
    private sealed record Options(int Clients, double Rate, int Seconds, int ConnectParallelism);

    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Options(Arg(args, "--clients", 2000), Arg(args, "--rate", 100), Arg(args, "--seconds", 20), 64);
        using var server = StartServer(out var baseUrl);
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
            Console.Error.WriteLine($"server at {baseUrl}; setting up {o.Clients} users");
            var users = (await http.GetFromJsonAsync<List<BenchServer.BenchUser>>($"/bench/setup?n={o.Clients}"))!;
            var reviewers = new List<HttpClient>();
            foreach (var name in new[] { "reviewer", "kepala.dinkes", "kepala.disdik", "kepala.dispar", "kepala.rsud", "kepala.pupr" })
                reviewers.Add(await LoginAsync(handler, baseUrl, name));
            var rubric = (await reviewers[0].GetFromJsonAsync<List<JsonElement>>("/api/rubric"))!.Select(c => c.GetProperty("id").GetGuid()).ToList();

            var idle = await MemoryAsync(http);
            var signalr = await PhaseAsync("signalr", o, http, handler, baseUrl, users, reviewers, rubric, idle);
            var idleAgain = await MemoryAsync(http);
            var bare = await PhaseAsync("bare", o, http, handler, baseUrl, users, reviewers, rubric, idleAgain);
            Report(o, signalr, bare);
            foreach (var r in reviewers) r.Dispose();
            return 0;
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(20_000)) server.Kill(entireProcessTree: true);
        }
    }

    private sealed record Result(string Name, double[] LatenciesMs, int Sent, int Failed, double Seconds, double HeapPerConn, double WsPerConn, int Connected);

    private static async Task<Result> PhaseAsync(string mode, Options o, HttpClient http, SocketsHttpHandler handler, string baseUrl,
        List<BenchServer.BenchUser> users, List<HttpClient> reviewers, List<Guid> rubric, (long Heap, long Ws) idle)
    {
        (await http.GetAsync($"/bench/mode?m={mode}")).EnsureSuccessStatusCode();
        var latencies = new ConcurrentBag<double>();
        void Record(JsonElement e)
        {
            var at = e.GetProperty("at").GetDateTimeOffset();
            latencies.Add((DateTimeOffset.UtcNow - at).TotalMilliseconds);
        }

        Console.Error.WriteLine($"[{mode}] connecting {users.Count} clients");
        var connections = new IAsyncDisposable[users.Count];
        using (var gate = new SemaphoreSlim(o.ConnectParallelism))
        {
            await Task.WhenAll(users.Select(async (u, i) =>
            {
                await gate.WaitAsync();
                try { connections[i] = mode == "bare" ? await BareClient.ConnectAsync(baseUrl, u.Token, Record) : await HubAsync(handler, baseUrl, u.Token, Record); }
                finally { gate.Release(); }
            }));
        }
        var loaded = await MemoryAsync(http);

        Console.Error.WriteLine($"[{mode}] {o.Rate}/s reviews for {o.Seconds}s");
        var total = (int)(o.Rate * o.Seconds);
        var failed = 0;
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / o.Rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var reviewer = reviewers[i % reviewers.Count];
            var target = users[(i * 7919) % users.Count];
            var body = new { scores = rubric.Select(c => new { criterionId = c, score = 1 + i % 5 }), recommendation = "Revise", comment = $"catatan {i}" };
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    using var res = await reviewer.PutAsJsonAsync($"/api/proposals/{target.ProposalId}/review", body);
                    if (!res.IsSuccessStatusCode) Interlocked.Increment(ref failed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }));
        }
        await Task.WhenAll(inFlight);
        var sendSeconds = clock.Elapsed.TotalSeconds;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (latencies.Count < total - failed && DateTime.UtcNow < deadline) await Task.Delay(100);
        foreach (var c in connections) await c.DisposeAsync();
        await Task.Delay(1000);
        return new Result(mode, [.. latencies.Order()], total, failed, sendSeconds,
            (loaded.Heap - idle.Heap) / (double)users.Count, (loaded.Ws - idle.Ws) / (double)users.Count, users.Count);
    }

    private static async Task<IAsyncDisposable> HubAsync(SocketsHttpHandler handler, string baseUrl, string token, Action<JsonElement> onEvent)
    {
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var client = await SignalRTestClient.ConnectAsync(http, "/hubs/feedback", async (uri, ct) =>
        {
            var ws = new ClientWebSocket();
            await ws.ConnectAsync(uri, ct);
            return ws;
        });
        client.OnInvocation = (target, e) => { if (target == "Notification") onEvent(e); };
        return client;
    }

    private static async Task<HttpClient> LoginAsync(SocketsHttpHandler handler, string baseUrl, string user)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var res = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = "IdeaHub#2026" });
        res.EnsureSuccessStatusCode();
        var token = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(long Heap, long Ws)> MemoryAsync(HttpClient http)
    {
        var m = await http.GetFromJsonAsync<JsonElement>("/bench/memory");
        return (m.GetProperty("heap").GetInt64(), m.GetProperty("workingSet").GetInt64());
    }

    private static Process StartServer(out string baseUrl)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!, "signalr-server")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        psi.Environment["IDEAHUB_DEMO_PASSWORD"] = "IdeaHub#2026";
        var p = Process.Start(psi)!;
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null && !line.StartsWith("READY ", StringComparison.Ordinal)) Console.Error.WriteLine(line);
        baseUrl = line?["READY ".Length..] ?? throw new InvalidOperationException("bench server did not start");
        return p;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static void Report(Options o, Result s, Result b)
    {
        Console.WriteLine($"signalr bench: {o.Clients} clients, {o.Rate}/s reviews for {o.Seconds}s, loopback, {Environment.ProcessorCount} cores");
        Console.WriteLine("| transport | delivered/sent | p50 ms | p95 ms | p99 ms | max ms | msgs/s | heap/conn KiB | RSS/conn KiB |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in new[] { s, b })
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.LatenciesMs.Length}/{r.Sent - r.Failed} | {P(r.LatenciesMs, .5):F1} | {P(r.LatenciesMs, .95):F1} | {P(r.LatenciesMs, .99):F1} | {r.LatenciesMs.LastOrDefault():F1} | {r.LatenciesMs.Length / r.Seconds:F0} | {r.HeapPerConn / 1024:F1} | {r.WsPerConn / 1024:F1} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SignalR p99 / floor p99 = {P(s.LatenciesMs, .99) / P(b.LatenciesMs, .99):F2} (target ≤ 1.5); SignalR p99 target ≤ 100 ms"));
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

/// <summary>A bare WebSocket client of the floor endpoint: every text message is one JSON event.</summary>
internal sealed class BareClient : IAsyncDisposable
{
    private readonly ClientWebSocket _ws = new();
    private Task _loop = Task.CompletedTask;

    public static async Task<BareClient> ConnectAsync(string baseUrl, string token, Action<JsonElement> onEvent)
    {
        var c = new BareClient();
        c._ws.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await c._ws.ConnectAsync(new Uri(baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/bench/ws"), CancellationToken.None);
        c._loop = Task.Run(async () =>
        {
            var buffer = new byte[8192];
            try
            {
                while (true)
                {
                    var r = await c._ws.ReceiveAsync(buffer, CancellationToken.None);
                    if (r.MessageType == WebSocketMessageType.Close) return;
                    using var doc = JsonDocument.Parse(buffer.AsMemory(0, r.Count));
                    onEvent(doc.RootElement);
                }
            }
            catch (WebSocketException) { }
        });
        return c;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None); } catch (WebSocketException) { }
        await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _ws.Dispose();
    }
}
