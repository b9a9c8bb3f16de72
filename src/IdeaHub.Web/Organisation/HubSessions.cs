using System.Collections.Concurrent;
using IdeaHub.Web.Data;
using Microsoft.AspNetCore.SignalR;

namespace IdeaHub.Web.Organisation;

/// <summary>
/// Every open hub connection (feedback and assistant) by user, so that ending a user's sessions (deactivation,
/// password reset, role/OPD/Pemkab change: <see cref="SessionStampInterceptor"/>) closes their sockets at once
/// instead of letting them hear pushes until they reconnect. A hub call also re-checks the session, which catches
/// a session ended on another instance within <see cref="SessionGuard"/>'s cache time.
/// </summary>
public sealed class HubSessions : IHubFilter
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byUser = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.UserIdentifier is { } user)
            _byUser.GetOrAdd(user, _ => new())[context.Context.ConnectionId] = context.Context;
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.UserIdentifier is { } user && _byUser.TryGetValue(user, out var connections))
            connections.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var guard = invocation.ServiceProvider.GetRequiredService<SessionGuard>();
        var db = invocation.ServiceProvider.GetRequiredService<IdeaHubDb>();
        if (!await guard.IsCurrentAsync(invocation.Context.User!, db, invocation.Context.ConnectionAborted))
        {
            invocation.Context.Abort();
            throw new HubException("Sesi telah berakhir; masuk lagi. / The session has ended; sign in again.");
        }
        return await next(invocation);
    }

    /// <summary>Aborts every hub connection of the user on this instance; returns how many were open.</summary>
    public int CloseUser(Guid userId)
    {
        return _byUser.TryRemove(userId.ToString(), out var connections) ? Abort(connections) : 0;
    }

    /// <summary>Aborts every hub connection on this instance (the drain before a shutdown); returns how many were open.</summary>
    public int CloseAll()
    {
        var closed = 0;
        foreach (var user in _byUser.Keys)
            if (_byUser.TryRemove(user, out var connections)) closed += Abort(connections);
        return closed;
    }

    private static int Abort(ConcurrentDictionary<string, HubCallerContext> connections)
    {
        foreach (var c in connections.Values) c.Abort();
        return connections.Count;
    }

    /// <summary>How many hub connections the user has open on this instance.</summary>
    public int OpenFor(Guid userId) => _byUser.TryGetValue(userId.ToString(), out var c) ? c.Count : 0;
}
