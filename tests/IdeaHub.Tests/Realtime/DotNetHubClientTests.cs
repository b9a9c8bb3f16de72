using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Reviews;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace IdeaHub.Tests.Realtime;

/// <summary>
/// The feedback hub through the official .NET client (Microsoft.AspNetCore.SignalR.Client), as another .NET service
/// would use it. <see cref="SignalRTestClient"/> stays for the tests that check the JSON wire protocol on purpose.
/// </summary>
public sealed class DotNetHubClientTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task The_dotnet_client_hears_the_authors_notification_and_a_stranger_is_refused()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dinkes");
        using var http = await app.ClientAsAsync("asn.dinkes");
        await using var hub = Connect(http.DefaultRequestHeaders.Authorization!.Parameter);
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("Notification", n => received.TrySetResult(n));
        await hub.StartAsync();

        await ReviewTestData.PostReviewAsync(app, "reviewer", proposal, "Lewat klien SignalR .NET.");

        var n = await received.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(proposal, n.GetProperty("proposalId").GetGuid());
        Assert.Equal("review.added", n.GetProperty("kind").GetString());
        Assert.Equal("Lewat klien SignalR .NET.", n.GetProperty("payload").GetProperty("comment").GetString());

        await using var anonymous = Connect(null);
        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
    }

    // Long polling through the in-memory test server; the WebSocket transport is covered by SignalRTestClient.
    private HubConnection Connect(string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/feedback"), o =>
        {
            o.Transports = HttpTransportType.LongPolling;
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.AccessTokenProvider = () => Task.FromResult(token);
        })
        .Build();
}
