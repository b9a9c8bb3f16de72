using IdeaHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Cluster;

/// <summary>One app instance of a cluster: the real app on Kestrel (a loopback port) over a database shared with its peers.</summary>
public sealed class ClusterNode : IdeaHubApp
{
    private readonly string _database;
    public string BaseUrl { get; private set; } = "";

    public ClusterNode(string database, string? redis, bool seed = true)
    {
        _database = database;
        With("ConnectionStrings:Redis", redis);
        With("IdeaHub:SeedDemo", seed ? "true" : "false");
    }

    public override Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Starts the instance (migrations, seeding) and returns once it listens.</summary>
    public ClusterNode Start()
    {
        ConnectionString = _database;
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return this;
    }

    protected override HttpClient NewApiClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
}
