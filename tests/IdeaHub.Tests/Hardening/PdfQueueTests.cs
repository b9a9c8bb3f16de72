using System.Net;
using System.Text;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Hardening;

/// <summary>#11.10: a bounded print queue; tickets only once the slot is held; 503 + Retry-After when full.</summary>
public sealed class PrintQueueTests
{
    [Fact]
    public async Task The_slot_is_taken_in_turn_and_a_full_queue_turns_callers_away_at_once()
    {
        var queue = new PrintQueue(waiting: 2);
        var first = await queue.EnterAsync(CancellationToken.None);
        Assert.NotNull(first);
        var second = queue.EnterAsync(CancellationToken.None);
        var third = queue.EnterAsync(CancellationToken.None);
        Assert.Null(await queue.EnterAsync(CancellationToken.None));
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        first!.Dispose();
        using (var s = await second) Assert.NotNull(s);
        using (var t = await third) Assert.NotNull(t);
        Assert.Equal(0, queue.Admitted);
    }
}

/// <summary>The app on a real loopback port (Chromium loads the report from it), without a test browser.</summary>
public sealed class KestrelApp : IdeaHubApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartOnKestrel();
    }
}
