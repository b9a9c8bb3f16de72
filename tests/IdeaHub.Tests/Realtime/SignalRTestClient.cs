using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace IdeaHub.Tests.Realtime;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a raw WebSocket (records end with 0x1E): negotiate,
/// handshake, invoke with completion, and a queue of server-to-client calls. Used because the .NET SignalR client
/// does not restore here; also shared by the benchmark.
/// </summary>
public sealed class SignalRTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly WebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<(string Target, JsonElement Argument)> _received = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private int _nextId;
    private Task _loop = Task.CompletedTask;

    private SignalRTestClient(WebSocket socket) => _socket = socket;

    /// <summary>Called with each server-to-client invocation as it arrives (on the receive loop), besides queueing it.</summary>
    public Action<string, JsonElement>? OnInvocation { get; set; }

    /// <param name="http">Client whose base address is the app and whose default headers carry the bearer token.</param>
    /// <param name="connect">Opens a WebSocket to the given ws:// URI (TestServer's client or a ClientWebSocket).</param>
    public static async Task<SignalRTestClient> ConnectAsync(HttpClient http, string hubPath,
        Func<Uri, CancellationToken, Task<WebSocket>> connect, CancellationToken ct = default)
    {
        var negotiate = await http.PostAsync($"{hubPath}/negotiate?negotiateVersion=1", null, ct);
        negotiate.EnsureSuccessStatusCode();
        var info = await negotiate.Content.ReadFromJsonAsync<JsonElement>(ct);
        var token = Uri.EscapeDataString(info.GetProperty("connectionToken").GetString()!);
        var accessToken = Uri.EscapeDataString(http.DefaultRequestHeaders.Authorization?.Parameter ?? "");
        var wsBase = new UriBuilder(http.BaseAddress!) { Scheme = http.BaseAddress!.Scheme == "https" ? "wss" : "ws" }.Uri;
        var socket = await connect(new Uri(wsBase, $"{hubPath}?id={token}&access_token={accessToken}"), ct);
        var client = new SignalRTestClient(socket);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}", ct);
        var record = await client.ReceiveRecordAsync(ct);
        var handshake = record is { } r ? Encoding.UTF8.GetString(r.Span) : null;
        if (handshake is null || handshake.Contains("\"error\"")) throw new InvalidOperationException($"Handshake failed: {handshake}");
        client._loop = Task.Run(client.ReceiveLoopAsync);
        return client;
    }

    /// <summary>Whether server-to-client invocations are also queued for <see cref="NextAsync"/> (the benchmark only needs the callback).</summary>
    public bool KeepReceived { get; set; } = true;

    /// <summary>Sends a keep-alive ping (message type 6), as real clients do every 15 s so the server does not time them out.</summary>
    public Task PingAsync() => SendRawAsync("{\"type\":6}");

    public bool IsOpen => _socket.State == WebSocketState.Open && !_loop.IsCompleted;

    /// <summary>Invokes a hub method and returns its result; a hub error becomes <see cref="HubErrorException"/>.</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] args)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        await SendRawAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments = args }, JsonSerializerOptions.Web));
        return await tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The next server-to-client invocation with the given target, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> NextAsync(string target, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var (t, arg) = await _received.Reader.ReadAsync(cts.Token);
            if (t == target) return arg;
        }
    }

    /// <summary>
    /// Every server-to-client invocation, in arrival order, up to and including the first that <paramref name="last"/>
    /// matches: to show that something did not arrive before a later event that certainly does.
    /// </summary>
    public async Task<List<(string Target, JsonElement Argument)>> UntilAsync(Func<string, JsonElement, bool> last, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new List<(string, JsonElement)>();
        while (true)
        {
            var (t, arg) = await _received.Reader.ReadAsync(cts.Token);
            seen.Add((t, arg));
            if (last(t, arg)) return seen;
        }
    }

    /// <summary>Everything received so far that was not yet taken, without waiting.</summary>
    public List<(string Target, JsonElement Argument)> Drain()
    {
        var list = new List<(string, JsonElement)>();
        while (_received.Reader.TryRead(out var item)) list.Add(item);
        return list;
    }

    /// <summary>Why the receive loop ended (close message, socket close or exception); null while it runs.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Waits until the server closes the connection (e.g. when it refuses the user).</summary>
    public Task Closed => _loop;

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (await ReceiveRecordAsync(_stop.Token) is { } record)
            {
                if (record.Span.SequenceEqual(PingRecord)) continue;
                using var doc = JsonDocument.Parse(record);
                var root = doc.RootElement.Clone();
                switch (root.GetProperty("type").GetInt32())
                {
                    case 1:
                        var target = root.GetProperty("target").GetString()!;
                        var arg = root.GetProperty("arguments").EnumerateArray().FirstOrDefault();
                        OnInvocation?.Invoke(target, arg);
                        if (KeepReceived) _received.Writer.TryWrite((target, arg));
                        break;
                    case 3 when _pending.TryRemove(root.GetProperty("invocationId").GetString()!, out var tcs):
                        if (root.TryGetProperty("error", out var error)) tcs.TrySetException(new HubErrorException(error.GetString()!));
                        else tcs.TrySetResult(root.TryGetProperty("result", out var result) ? result : default);
                        break;
                    case 7:
                        CloseReason = "close message: " + root.GetRawText();
                        return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { CloseReason ??= e.GetType().Name + ": " + e.Message; }
        catch (Exception e)
        {
            CloseReason ??= e.GetType().Name + ": " + e.Message;
            throw;
        }
        finally
        {
            CloseReason ??= $"socket closed ({_socket.CloseStatus} {_socket.CloseStatusDescription})";
            foreach (var p in _pending.Values) p.TrySetException(new HubErrorException("connection closed"));
            _received.Writer.TryComplete();
        }
    }

    private static ReadOnlySpan<byte> PingRecord => "{\"type\":6}"u8;
    private byte[] _receiveBuffer = new byte[16 * 1024];
    private int _start, _end;

    /// <summary>The next record (without its separator), valid until the next call; null when the server closed.</summary>
    private async Task<ReadOnlyMemory<byte>?> ReceiveRecordAsync(CancellationToken ct)
    {
        while (true)
        {
            var end = Array.IndexOf(_receiveBuffer, (byte)RecordSeparator, _start, _end - _start);
            if (end >= 0)
            {
                var record = _receiveBuffer.AsMemory(_start, end - _start);
                _start = end + 1;
                return record;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_receiveBuffer, _start, _receiveBuffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _receiveBuffer.Length) Array.Resize(ref _receiveBuffer, _receiveBuffer.Length * 2);
            var result = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(_end), ct);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            _end += result.Count;
        }
    }

    private async Task SendRawAsync(string json, CancellationToken ct = default)
    {
        var bytes = Encoding.UTF8.GetBytes(json + RecordSeparator);
        await _sendLock.WaitAsync(ct);
        try { await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct); }
        finally { _sendLock.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or ObjectDisposedException) { }
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}

public sealed class HubErrorException(string message) : Exception(message);
