using IdeaHub.Tests.Infrastructure;

namespace IdeaHub.Tests.Cluster;

/// <summary>One app instance of a cluster: the real app on Kestrel (a loopback port) over a database shared with its peers.</summary>
public sealed class ClusterNode : IdeaHubApp
{
    private readonly string _database;

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
        StartOnKestrel();
        return this;
    }
}
