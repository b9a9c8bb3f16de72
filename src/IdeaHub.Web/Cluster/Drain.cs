using IdeaHub.Web.Organisation;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IdeaHub.Web.Cluster;

/// <summary>
/// Whether this instance is draining: set the moment the host starts stopping (SIGTERM, Ctrl+C), before anything else
/// stops, so the readiness probe answers 503 from the first instant of a drain.
/// </summary>
public sealed class DrainState
{
    private volatile bool _draining;
    public bool Draining => _draining;
    internal void Begin() => _draining = true;
}

internal sealed class DrainHealthCheck(DrainState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.Draining ? HealthCheckResult.Unhealthy("Draining: this instance is shutting down.") : HealthCheckResult.Healthy());
}

/// <summary>
/// The graceful drain. It runs in the host's "stopping" phase, before any service (the web server included) stops, so
/// while it runs Kestrel still serves in-flight and new requests: readiness is already 503, new hub connections are refused with 503 (a balancer retries them on
/// another instance), and after <c>IdeaHub:Cluster:DrainDelay</c> (time for a balancer to notice) every hub connection
/// on this instance is closed, so clients reconnect elsewhere and catch up from stored notifications instead of
/// holding the process until the host's shutdown timeout.
/// </summary>
internal sealed class DrainService(DrainState state, HubSessions hubs, IConfiguration configuration, IHostApplicationLifetime lifetime,
    ILogger<DrainService> log) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(state.Begin);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        state.Begin();
        var delay = configuration.GetValue("IdeaHub:Cluster:DrainDelay",
            configuration.GetConnectionString("Redis") is { Length: > 0 } ? TimeSpan.FromSeconds(3) : TimeSpan.Zero);
        log.LogInformation("Draining: readiness is 503; closing hub connections in {Delay}", delay);
        // A configured grace period for the balancer, not a wait for a condition: nothing here can signal it.
        if (delay > TimeSpan.Zero)
        {
            try { await Task.Delay(delay, cancellationToken); }
            catch (OperationCanceledException) { }
        }
        var closed = hubs.CloseAll();
        log.LogInformation("Draining: closed {Count} hub connections", closed);
    }
}

public static class DrainExtensions
{
    public static IServiceCollection AddDrain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DrainState>();
        services.AddHostedService<DrainService>();
        services.AddHealthChecks().AddCheck<DrainHealthCheck>("drain", tags: ["ready"]);
        // Bound the whole stop: in-flight requests get this long after the drain before the process exits anyway.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = configuration.GetValue("IdeaHub:Cluster:ShutdownTimeout", TimeSpan.FromSeconds(20)));
        return services;
    }

    /// <summary>While draining, new hub connections (negotiate or connect) answer 503 with Retry-After.</summary>
    public static IApplicationBuilder UseDrain(this IApplicationBuilder app)
    {
        var state = app.ApplicationServices.GetRequiredService<DrainState>();
        return app.Use(async (ctx, next) =>
        {
            if (state.Draining && ctx.Request.Path.StartsWithSegments("/hubs"))
            {
                ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                ctx.Response.Headers.RetryAfter = "1";
                return;
            }
            await next(ctx);
        });
    }
}
