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
    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    protected override HttpClient NewApiClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
}

public sealed class PdfQueueTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Fact]
    public async Task Twelve_concurrent_reports_get_the_report_or_503_with_retry_after_never_another_page()
    {
        var queue = app.Services.GetRequiredService<PrintQueue>();
        var pdf = app.Services.GetRequiredService<ReportPdf>();
        using var bupati = await app.ClientAsAsync("bupati");
        var held = await queue.EnterAsync(CancellationToken.None);

        var requests = Enumerable.Range(0, 12).Select(_ => bupati.GetAsync("/Dashboard/Report?handler=Pdf")).ToList();
        // With the slot held, PrintQueue.DefaultWaiting requests wait and the rest are turned away at once.
        var turnedAway = 12 - PrintQueue.DefaultWaiting;
        var done = new List<Task<HttpResponseMessage>>();
        var pending = requests.ToList();
        while (done.Count < turnedAway)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            done.Add(finished);
        }
        foreach (var r in done.Select(t => t.Result))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.NotNull(r.Headers.RetryAfter);
        }
        Assert.Equal(0, pdf.OutstandingTickets); // waiting requests hold no ticket that could expire while they wait

        held!.Dispose();
        foreach (var r in await Task.WhenAll(pending))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var text = Encoding.Latin1.GetString(await r.Content.ReadAsByteArrayAsync());
            Assert.StartsWith("%PDF-", text);
            Assert.DoesNotContain("Masuk ke IdeaHub", text);
        }
    }
}
