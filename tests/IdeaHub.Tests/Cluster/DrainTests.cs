using System.Net;
using IdeaHub.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdeaHub.Tests.Cluster;

/// <summary>
/// SIGTERM on one instance: readiness turns 503 at once, new hub connections are refused (503) while requests are
/// still served, and open hub connections are closed by the server so the process does not wait for them.
/// </summary>
public sealed class DrainTests
{
    [Fact]
    public async Task A_draining_instance_is_unready_refuses_new_hub_connections_and_closes_open_ones()
    {
        var database = await TestCluster.NewDatabaseAsync("drain");
        var node = new ClusterNode(database, redis: null);
        // A wide grace window, so the checks below run while the instance drains but still serves.
        node.With("IdeaHub:Cluster:DrainDelay", "00:00:05");
        node.Start();
        var stopped = false;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
            using var asn = await node.ClientAsAsync("asn.dinkes");
            var token = asn.DefaultRequestHeaders.Authorization!.Parameter!;
            await using var hub = new HubConnectionBuilder()
                .WithUrl($"{node.BaseUrl}/hubs/feedback", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
            await hub.StartAsync();

            // What SIGTERM does first: the host's stopping signal.
            node.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
            var negotiate = await asn.PostAsync("/hubs/feedback/negotiate?negotiateVersion=1", null);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate.StatusCode);
            Assert.True(negotiate.Headers.RetryAfter is not null);
            // Ordinary requests are still served during the drain.
            Assert.Equal(HttpStatusCode.OK, (await asn.GetAsync("/api/proposals")).StatusCode);
            // The open hub connection was closed by the server at the start of the drain (the client reconnects elsewhere
            // and catches up), so it cannot hold the process until the shutdown timeout.
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
            await node.DisposeAsync().WaitAsync(TimeSpan.FromSeconds(15));
            stopped = true;
        }
        finally
        {
            if (!stopped) await node.DisposeAsync();
        }
    }
}
