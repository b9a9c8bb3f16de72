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
/// (raw SignalR JSON protocol), lets reviewers PUT reviews at a steady rate through the real API (open loop: a request
/// leaves at its scheduled time whether or not earlier ones have returned), and measures commit→client latency; the
/// same with the same users' bare WebSockets is the floor. Each phase connects its clients, warms up (posts whose
/// deliveries are not counted), then measures; a first unmeasured round warms both transports, and the measured phases
/// alternate (round 1 SignalR then bare, round 2 bare then SignalR, …) so neither transport always runs first or last.
/// </summary>
internal static class SignalRBench
{
    private static readonly string[] ReviewerNames =
        ["reviewer", "kepala.dinkes", "kepala.disdik", "kepala.dispar", "kepala.rsud", "kepala.pupr", "kepala.dinsos",
         "kepala.dishub", "kepala.dukcapil", "kepala.diskominfo", "kepala.bapperida", "kepala.dpmptsp"];

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private sealed record Options(int Clients, double Rate, int Seconds, int Warmup, int Rounds, int Reviewers, int ConnectParallelism);

    private static bool Verbose;

    private static readonly Stopwatch Since = Stopwatch.StartNew();

    private static void Log(string message) =>
        Console.Error.WriteLine($"[{Since.Elapsed.TotalSeconds,6:F1}s] {message} (load {LoadAverage()})");

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Options(Arg(args, "--clients", 2000), Arg(args, "--rate", 50), Arg(args, "--seconds", 20), Arg(args, "--warmup", 5),
            Arg(args, "--rounds", 2), Math.Clamp(Arg(args, "--reviewers", 6), 1, ReviewerNames.Length), 32);
        Verbose = args.Contains("--verbose");
        using var server = StartServer(out var baseUrl);
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
            using var postHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 128, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
            using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
            var names = ReviewerNames[..o.Reviewers];
            Log($"server at {baseUrl}; setting up {o.Clients} users with proposals in review, each already reviewed by {o.Reviewers} reviewers");
            var users = (await http.GetFromJsonAsync<List<BenchServer.BenchUser>>($"/bench/setup?n={o.Clients}&reviewers={string.Join(',', names)}"))!;
            var reviewers = new List<HttpClient>();
            foreach (var name in names) reviewers.Add(await LoginAsync(postHandler, baseUrl, name));
            var rubric = (await reviewers[0].GetFromJsonAsync<List<JsonElement>>("/api/rubric"))!.Select(c => c.GetProperty("id").GetGuid()).ToList();
            var load = new Load(o, users, reviewers, rubric);

            // Round 0 warms both transports (JIT, pools, the server GC's budgets) before anything is counted.
            string[] modes = args.Contains("--compare-user") ? ["signalr", "bare", "signalr-user"] : ["signalr", "bare"];
            foreach (var mode in modes) await PhaseAsync(mode, 0, o, http, handler, baseUrl, load);
            var results = new List<Result>();
            for (var round = 0; round < o.Rounds; round++)
                foreach (var mode in round % 2 == 0 ? modes : modes.Reverse())
                    results.Add(await PhaseAsync(mode, round + 1, o, http, handler, baseUrl, load));
            Report(o, results);
            foreach (var r in reviewers) r.Dispose();
            return 0;
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(20_000)) server.Kill(entireProcessTree: true);
        }
    }

    private sealed record Result(string Name, int Round, double[] LatenciesMs, int Expected, int Posted, int Failed, double PostSeconds,
        double DeliverySeconds, double HeapPerConn, double WsPerConn, int Connected, double ConnectSeconds, double StoreP50, double StoreP99);

    /// <summary>Reviews PUT through the real API on an open-loop schedule; the i-th post of every phase is the same review.</summary>
    private sealed class Load(Options o, List<BenchServer.BenchUser> users, List<HttpClient> reviewers, List<Guid> rubric)
    {
        public List<BenchServer.BenchUser> Users => users;

        /// <returns>Successful posts, failed posts, seconds from the first scheduled post to the last response.</returns>
        public async Task<(int Ok, int Failed, double Seconds)> RunAsync(double seconds, int offset)
        {
            var total = (int)(o.Rate * seconds);
            var ok = 0;
            var failed = 0;
            string? firstError = null;
            var inFlight = new List<Task>(total);
            var clock = Stopwatch.StartNew();
            for (var n = 0; n < total; n++)
            {
                var due = TimeSpan.FromSeconds(n / o.Rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var i = n + offset;
                var reviewer = reviewers[i % reviewers.Count];
                var target = users[(int)((i * 7919L) % users.Count)];
                var body = new { scores = rubric.Select(c => new { criterionId = c, score = 1 + i % 5 }), recommendation = "Revise", comment = $"catatan {i}" };
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        using var res = await reviewer.PutAsJsonAsync($"/api/proposals/{target.ProposalId}/review", body);
                        if (res.IsSuccessStatusCode) Interlocked.Increment(ref ok);
                        else
                        {
                            Interlocked.Increment(ref failed);
                            Interlocked.CompareExchange(ref firstError, $"{(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}", null);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref failed);
                        Interlocked.CompareExchange(ref firstError, e.Message, null);
                    }
                }));
            }
            await Task.WhenAll(inFlight);
            if (firstError is not null) Log($"  {failed} posts failed; first: {firstError[..Math.Min(200, firstError.Length)]}");
            return (ok, failed, clock.Elapsed.TotalSeconds);
        }
    }

    private static async Task<Result> PhaseAsync(string mode, int round, Options o, HttpClient http, SocketsHttpHandler handler, string baseUrl, Load load)
    {
        (await http.GetAsync($"/bench/mode?m={mode}")).EnsureSuccessStatusCode();
        var idle = await MemoryAsync(http);
        var latencies = new ConcurrentQueue<double>();
        var timeline = new ConcurrentQueue<(double AtSeconds, double Ms)>();
        var connectedAt = DateTimeOffset.UtcNow;
        var counting = DateTimeOffset.MaxValue;
        var lastArrival = DateTimeOffset.MinValue;
        void Record(JsonElement e)
        {
            var now = DateTimeOffset.UtcNow;
            var at = e.GetProperty("at").GetDateTimeOffset();
            if (at < counting) return; // a warm-up delivery
            latencies.Enqueue((now - at).TotalMilliseconds);
            if (Verbose) timeline.Enqueue(((at - connectedAt).TotalSeconds, (now - at).TotalMilliseconds));
            lastArrival = now;
        }

        var users = load.Users;
        Log($"[{mode} {round}] connecting {users.Count} clients");
        var connect = Stopwatch.StartNew();
        connectedAt = DateTimeOffset.UtcNow;
        var connections = new IClient[users.Count];
        using (var gate = new SemaphoreSlim(o.ConnectParallelism))
        {
            await Task.WhenAll(users.Select(async (u, i) =>
            {
                await gate.WaitAsync();
                try { connections[i] = mode == "bare" ? await BareClient.ConnectAsync(baseUrl, u.Token, Record) : await HubClient.ConnectAsync(handler, baseUrl, u.Token, Record); }
                finally { gate.Release(); }
            }));
        }
        var connectSeconds = connect.Elapsed.TotalSeconds;
        using var stopPings = new CancellationTokenSource();
        var pings = PingLoopAsync(connections, stopPings.Token);
        var loaded = await MemoryAsync(http);
        var warmup = round == 0 ? 2 * o.Warmup : o.Warmup;
        Log($"[{mode} {round}] connected in {connectSeconds:F1}s; warm-up {warmup}s at {o.Rate}/s");

        await load.RunAsync(warmup, offset: 1_000_000 * (round + 1));
        await Task.Delay(1000);
        counting = DateTimeOffset.UtcNow;
        await http.GetAsync("/bench/store-times"); // drop the warm-up's
        var (ok, failed, postSeconds) = (0, 0, 0.0);
        if (round > 0)
        {
            Log($"[{mode} {round}] measuring {o.Seconds}s at {o.Rate}/s");
            (ok, failed, postSeconds) = await load.RunAsync(o.Seconds, offset: 0);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (latencies.Count < ok && DateTime.UtcNow < deadline) await Task.Delay(50);
        }
        var deliverySeconds = latencies.IsEmpty ? double.NaN : (lastArrival - counting).TotalSeconds;
        var store = await http.GetFromJsonAsync<JsonElement>("/bench/store-times");
        double Store(string q) => store.GetProperty(q) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : double.NaN;
        var (storeP50, storeP99) = (Store("p50"), Store("p99"));
        var open = connections.Count(c => c.IsOpen);
        foreach (var reason in connections.Where(c => !c.IsOpen).Select(c => c.CloseReason).Distinct().Take(5))
            Log($"[{mode} {round}] a connection closed early: {reason}");
        if (Verbose)
            Log($"[{mode} {round}] slowest (s after connect start: ms): " + string.Join(", ",
                timeline.OrderByDescending(t => t.Ms).Take(12).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.AtSeconds:F1}: {t.Ms:F0}"))));
        Log($"[{mode} {round}] {latencies.Count}/{ok} delivered, {open}/{users.Count} connections open; closing");

        await stopPings.CancelAsync();
        await pings;
        using (var gate = new SemaphoreSlim(o.ConnectParallelism))
            await Task.WhenAll(connections.Select(async c =>
            {
                await gate.WaitAsync();
                try { await c.DisposeAsync(); }
                finally { gate.Release(); }
            }));
        await Task.Delay(1000);
        return new Result(mode, round, [.. latencies.Order()], ok, ok + failed, failed, postSeconds, deliverySeconds,
            (loaded.Heap - idle.Heap) / (double)users.Count, (loaded.Ws - idle.Ws) / (double)users.Count, open, connectSeconds, storeP50, storeP99);
    }

    /// <summary>Every client sends a keep-alive every 15 s (SignalR: a ping message, type 6), spread evenly over the period.</summary>
    private static async Task PingLoopAsync(IClient[] clients, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            for (long k = 0; ; k++)
            {
                var due = KeepAlive * ((k + 1) / (double)clients.Length);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                _ = clients[k % clients.Length].PingAsync();
            }
        }
        catch (OperationCanceledException) { }
    }

    private interface IClient : IAsyncDisposable
    {
        bool IsOpen { get; }
        string? CloseReason { get; }
        Task PingAsync();
    }

    private sealed class HubClient(SignalRTestClient client) : IClient
    {
        public bool IsOpen => client.IsOpen;
        public string? CloseReason => client.CloseReason;

        public async Task PingAsync()
        {
            try { await client.PingAsync(); }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException) { }
        }

        public ValueTask DisposeAsync() => client.DisposeAsync();

        public static async Task<IClient> ConnectAsync(SocketsHttpHandler handler, string baseUrl, string token, Action<JsonElement> onEvent)
        {
            using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(baseUrl) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var client = await SignalRTestClient.ConnectAsync(http, "/hubs/feedback", async (uri, ct) =>
            {
                var ws = new ClientWebSocket();
                await ws.ConnectAsync(uri, ct);
                return ws;
            });
            client.KeepReceived = false;
            client.OnInvocation = (target, e) => { if (target == "Notification") onEvent(e); };
            return new HubClient(client);
        }
    }

    /// <summary>A bare WebSocket client of the floor endpoint: every text message from the server is one JSON event.</summary>
    private sealed class BareClient : IClient
    {
        private static readonly byte[] Ping = "{}"u8.ToArray();
        private readonly ClientWebSocket _ws = new();
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private Task _loop = Task.CompletedTask;

        public bool IsOpen => _ws.State == WebSocketState.Open && !_loop.IsCompleted;
        public string? CloseReason => _loop.Exception?.InnerException?.Message ?? $"{_ws.State} {_ws.CloseStatus} {_ws.CloseStatusDescription}";

        public static async Task<IClient> ConnectAsync(string baseUrl, string token, Action<JsonElement> onEvent)
        {
            var c = new BareClient();
            c._ws.Options.SetRequestHeader("Authorization", "Bearer " + token);
            await c._ws.ConnectAsync(new Uri(baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/bench/ws"), CancellationToken.None);
            c._loop = Task.Run(async () =>
            {
                var buffer = new byte[16 * 1024];
                try
                {
                    while (true)
                    {
                        var count = 0;
                        ValueWebSocketReceiveResult r;
                        do
                        {
                            r = await c._ws.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                            count += r.Count;
                        } while (!r.EndOfMessage && r.MessageType != WebSocketMessageType.Close);
                        if (r.MessageType == WebSocketMessageType.Close) return;
                        using var doc = JsonDocument.Parse(buffer.AsMemory(0, count));
                        onEvent(doc.RootElement);
                    }
                }
                catch (WebSocketException) { }
            });
            return c;
        }

        public async Task PingAsync()
        {
            await _sendLock.WaitAsync();
            try { await _ws.SendAsync(Ping, WebSocketMessageType.Text, true, CancellationToken.None); }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException) { }
            finally { _sendLock.Release(); }
        }

        public async ValueTask DisposeAsync()
        {
            await _sendLock.WaitAsync();
            try { await _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None); }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException) { }
            finally { _sendLock.Release(); }
            await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
            _ws.Dispose();
        }
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
        // The app is built with the Web SDK, whose default is the server GC; the bench console's default is not.
        psi.Environment["DOTNET_gcServer"] = "1";
        var p = Process.Start(psi)!;
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null && !line.StartsWith("READY ", StringComparison.Ordinal)) Console.Error.WriteLine(line);
        baseUrl = line?["READY ".Length..] ?? throw new InvalidOperationException("bench server did not start");
        return p;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static void Report(Options o, List<Result> results)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"signalr bench: {o.Clients} clients, {o.Reviewers} reviewers posting {o.Rate}/s (open loop), {o.Warmup}s warm-up + {o.Seconds}s measured per phase, {o.Rounds} rounds (alternating order), loopback, {Environment.ProcessorCount} cores"));
        Console.WriteLine("| phase | transport | open conns | posts ok/sent | posts/s achieved | delivered/expected | p50 ms | p95 ms | p99 ms | max ms | msgs/s | store p50/p99 ms | heap/conn KiB | RSS/conn KiB |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
            Console.WriteLine(string.Create(inv,
                $"| {r.Round} | {r.Name} | {r.Connected} | {r.Expected}/{r.Posted} | {r.Expected / r.PostSeconds:F1} | {r.LatenciesMs.Length}/{r.Expected} | {P(r.LatenciesMs, .5):F1} | {P(r.LatenciesMs, .95):F1} | {P(r.LatenciesMs, .99):F1} | {r.LatenciesMs.LastOrDefault():F1} | {r.LatenciesMs.Length / r.DeliverySeconds:F1} | {r.StoreP50:F1}/{r.StoreP99:F1} | {r.HeapPerConn / 1024:F1} | {r.WsPerConn / 1024:F1} |"));
        Console.WriteLine("store = event time (after the review's commit) to the push call on the server: the notification insert, the same for every transport.");
        Console.WriteLine();
        Console.WriteLine("All rounds pooled:");
        Console.WriteLine("| transport | delivered/expected | p50 ms | p95 ms | p99 ms | max ms | msgs/s | heap/conn KiB | RSS/conn KiB |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var pooled = new Dictionary<string, double[]>();
        foreach (var g in results.GroupBy(r => r.Name))
        {
            var all = g.SelectMany(r => r.LatenciesMs).Order().ToArray();
            pooled[g.Key] = all;
            Console.WriteLine(string.Create(inv,
                $"| {g.Key} | {all.Length}/{g.Sum(r => r.Expected)} | {P(all, .5):F1} | {P(all, .95):F1} | {P(all, .99):F1} | {all.LastOrDefault():F1} | {g.Sum(r => r.LatenciesMs.Length) / g.Sum(r => r.DeliverySeconds):F1} | {g.Average(r => r.HeapPerConn) / 1024:F1} | {g.Average(r => r.WsPerConn) / 1024:F1} |"));
        }
        if (pooled.TryGetValue("signalr", out var s) && pooled.TryGetValue("bare", out var b))
        {
            Console.WriteLine(string.Create(inv, $"SignalR p99 / floor p99 = {P(s, .99) / P(b, .99):F2} (target ≤ 1.5); SignalR p99 = {P(s, .99):F1} ms (target ≤ 100 ms)"));
            if (pooled.TryGetValue("signalr-user", out var u))
                Console.WriteLine(string.Create(inv, $"Former push (Clients.User) p99 / floor p99 = {P(u, .99) / P(b, .99):F2}"));
        }
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
