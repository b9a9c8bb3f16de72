using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using IdeaHub.Web.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace IdeaHub.Bench.Realtime;

/// <summary>The floor: bearer-authenticated bare ASP.NET Core WebSockets, one per user, that get the same JSON event.</summary>
internal sealed class BareSockets
{
    private readonly ConcurrentDictionary<Guid, (WebSocket Socket, SemaphoreSlim Lock)> _sockets = new();

    /// <summary>signalr (the app's push), bare (the floor) or signalr-user (main's former push: Clients.User, for comparison).</summary>
    public volatile string Mode = "signalr";

    public async Task AcceptAsync(HttpContext ctx)
    {
        var auth = await ctx.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!ctx.WebSockets.IsWebSocketRequest || !auth.Succeeded
            || !Guid.TryParse(auth.Principal!.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var userId))
        {
            ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
        _sockets[userId] = (socket, new SemaphoreSlim(1, 1));
        var buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open && (await socket.ReceiveAsync(buffer, ctx.RequestAborted)).MessageType != WebSocketMessageType.Close) { }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        finally { _sockets.TryRemove(userId, out _); }
    }

    public async Task SendAsync(Guid userId, FeedbackEvent e)
    {
        if (!_sockets.TryGetValue(userId, out var s)) return;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(e, JsonSerializerOptions.Web);
        await s.Lock.WaitAsync();
        try { await s.Socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None); }
        finally { s.Lock.Release(); }
    }
}

/// <summary>Pushes stored events with the app's own SignalR push, or over the bare floor, switched between phases.</summary>
internal sealed class BenchPush(IHubContext<FeedbackHub, IFeedbackClient> hub, BareSockets bare) : IFeedbackPush
{
    private readonly SignalRFeedbackPush _signalR = new(hub);

    /// <summary>Server-side share of the latency: event time (after the review's commit) to the push call, i.e. the
    /// notification insert; the same code for every transport, so only what follows it differs.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentQueue<double> StoreMs = new();

    public Task ToUserAsync(Guid userId, FeedbackEvent e)
    {
        StoreMs.Enqueue((DateTimeOffset.UtcNow - e.At).TotalMilliseconds);
        return Push(userId, e);
    }

    private Task Push(Guid userId, FeedbackEvent e) => bare.Mode switch
    {
        "bare" => bare.SendAsync(userId, e),
        "signalr-user" => hub.Clients.User(userId.ToString()).Notification(e),
        _ => _signalR.ToUserAsync(userId, e),
    };

    public Task ToGroupsAsync(IReadOnlyList<string> groups, FeedbackEvent e) =>
        bare.Mode == "bare" ? Task.CompletedTask : _signalR.ToGroupsAsync(groups, e);

    public Task ToConnectionsAsync(IReadOnlyList<string> connectionIds, FeedbackEvent e) =>
        bare.Mode == "bare" ? Task.CompletedTask : _signalR.ToConnectionsAsync(connectionIds, e);
}
