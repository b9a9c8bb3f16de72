using IdeaHub.Web.Organisation;
using StackExchange.Redis;

namespace IdeaHub.Web.Cluster;

/// <summary>
/// "A user's sessions ended" on Redis pub/sub, so a deactivation saved through one instance also drops the cached
/// stamp and closes the user's hub connections held by every other instance (the SignalR backplane carries pushes,
/// not this). Pub/sub is fire-and-forget: an instance that misses a message (Redis briefly down) still refuses the
/// user's requests and hub invocations once its cached stamp expires (1 minute, <see cref="SessionGuard"/>).
/// </summary>
internal sealed class RedisSessionEndRelay(string configuration, string prefix, SessionGuard sessions, HubSessions hubs,
    ILogger<RedisSessionEndRelay> log) : ISessionEndRelay, IHostedService, IAsyncDisposable
{
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal(prefix + ":session-ended");
    private ConnectionMultiplexer? _redis;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        _redis = await ConnectionMultiplexer.ConnectAsync(options);
        await _redis.GetSubscriber().SubscribeAsync(_channel, (_, message) =>
        {
            var parts = message.ToString().Split(':');
            if (parts.Length != 2 || parts[0] == _instance || !Guid.TryParse(parts[1], out var userId)) return;
            SessionEnds.EndHere(sessions, hubs, userId);
        });
    }

    public void Publish(Guid userId)
    {
        if (_redis is null) return;
        try { _redis.GetSubscriber().Publish(_channel, $"{_instance}:{userId}", CommandFlags.FireAndForget); }
        catch (RedisException e) { log.LogWarning(e, "Could not tell the other instances that the sessions of {User} ended", userId); }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
