using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Reviews;
using IdeaHub.Web.Data;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace IdeaHub.Tests.Cluster;

/// <summary>
/// Two (or three) app instances on one PostgreSQL database and one real Redis, each on its own Kestrel port: what one
/// instance issues or pushes must hold on the others.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private string _database = "";
    private ClusterNode _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _database = await TestCluster.NewDatabaseAsync("cluster");
        _a = new ClusterNode(_database, _redis.ConnectionString).Start();
        _b = new ClusterNode(_database, _redis.ConnectionString, seed: false).Start();
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_token_issued_by_one_instance_works_on_the_other()
    {
        using var onA = await _a.ClientAsAsync("asn.dinkes");
        using var onB = new HttpClient { BaseAddress = new Uri(_b.BaseUrl) };
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
        var res = await onB.GetAsync("/api/proposals");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);

        // And the other way round, so neither instance holds a key the other lacks.
        using var fromB = await _b.ClientAsAsync("kepala.dinkes");
        using var backOnA = new HttpClient { BaseAddress = new Uri(_a.BaseUrl) };
        backOnA.DefaultRequestHeaders.Authorization = fromB.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await backOnA.GetAsync("/api/proposals")).StatusCode);
    }

    /// <summary>A deactivation saved through instance A closes the user's live connection held by instance B at once.</summary>
    [Fact]
    public async Task Deactivating_a_user_on_one_instance_closes_their_connection_on_the_other()
    {
        using var userOnB = await _b.ClientAsAsync("asn.dispar");
        var token = userOnB.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var hub = new HubConnectionBuilder()
            .WithUrl($"{_b.BaseUrl}/hubs/feedback", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        await hub.InvokeAsync<int>("GetUnreadCount");

        using var admin = await _a.ClientAsAsync("admin");
        var id = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users?q=asn.dispar")).GetProperty("items")[0].GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/admin/users/{id}/deactivate", null)).EnsureSuccessStatusCode();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        // And instance B, whose stamp cache was dropped too, refuses the old token at once.
        Assert.Equal(HttpStatusCode.Unauthorized, (await userOnB.GetAsync("/api/notifications")).StatusCode);
    }

    [Fact]
    public async Task A_review_posted_through_one_instance_reaches_a_client_connected_to_the_other()
    {
        var proposal = await ReviewTestData.ProposalAsync(_a, "asn.dinkes");
        using var authorOnB = await _b.ClientAsAsync("asn.dinkes");
        var token = authorOnB.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var hub = new HubConnectionBuilder()
            .WithUrl($"{_b.BaseUrl}/hubs/feedback", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("Notification", n =>
        {
            if (n.GetProperty("proposalId").GetGuid() == proposal) received.TrySetResult(n);
        });
        await hub.StartAsync();

        await ReviewTestData.PostReviewAsync(_a, "reviewer", proposal, "Dikirim lewat instans A.");

        var n = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("review.added", n.GetProperty("kind").GetString());
        Assert.Equal("Dikirim lewat instans A.", n.GetProperty("payload").GetProperty("comment").GetString());
        // The stored notification is the same one instance B's catch-up returns.
        var missed = await hub.InvokeAsync<JsonElement>("GetMissedSince", 0L);
        Assert.Contains(missed.EnumerateArray(), m => m.GetProperty("id").GetInt64() == n.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Three_instances_starting_together_apply_each_migration_once_and_all_serve()
    {
        var database = await TestCluster.NewDatabaseAsync("cluster3");
        var nodes = new[] { new ClusterNode(database, _redis.ConnectionString), new ClusterNode(database, _redis.ConnectionString), new ClusterNode(database, _redis.ConnectionString) };
        try
        {
            await Task.WhenAll(nodes.Select(n => Task.Run(() => n.Start())));
            foreach (var n in nodes)
            {
                using var http = new HttpClient { BaseAddress = new Uri(n.BaseUrl) };
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
                using var asn = await n.ClientAsAsync("asn.dinkes");
                Assert.Equal(HttpStatusCode.OK, (await asn.GetAsync("/api/proposals")).StatusCode);
            }
            await using var conn = new NpgsqlConnection(database);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*), count(DISTINCT version) FROM schema_migrations", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            Assert.Equal(SqlMigrator.Scripts.Count, r.GetInt64(0));
            Assert.Equal(r.GetInt64(0), r.GetInt64(1));
            await r.CloseAsync();
            await using var users = new NpgsqlCommand("SELECT count(*) FROM users WHERE user_name = 'asn.dinkes'", conn);
            Assert.Equal(1L, (long)(await users.ExecuteScalarAsync())!);
        }
        finally
        {
            foreach (var n in nodes) await n.DisposeAsync();
        }
    }
}
