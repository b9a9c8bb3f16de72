using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Reviews;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Realtime;

/// <summary>The feedback hub over a raw WebSocket speaking SignalR's JSON protocol.</summary>
public sealed class FeedbackHubTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task Author_hears_a_review_live_and_others_outside_its_audience_hear_nothing()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dinkes");
        await using var author = await ReviewTestData.HubAsync(app, "asn.dinkes");
        await using var otherAsn = await ReviewTestData.HubAsync(app, "asn.disdik");
        await using var otherHead = await ReviewTestData.HubAsync(app, "kepala.disdik");
        await using var otherPemkab = await ReviewTestData.HubAsync(app, "kepala.bintan.dinkes");
        await using var ownHead = await ReviewTestData.HubAsync(app, "kepala.dinkes");
        await using var bupati = await ReviewTestData.HubAsync(app, "bupati");

        await ReviewTestData.PostReviewAsync(app, "reviewer", proposal, "Target kunjungan perlu baseline.");

        var n = await author.NextAsync("Notification", Wait);
        Assert.Equal(proposal, n.GetProperty("proposalId").GetGuid());
        Assert.Equal("review.added", n.GetProperty("kind").GetString());
        Assert.Equal("Target kunjungan perlu baseline.", n.GetProperty("payload").GetProperty("comment").GetString());
        Assert.True(n.GetProperty("id").GetInt64() > 0);
        Assert.Equal(proposal, (await ownHead.NextAsync("Notification", Wait)).GetProperty("proposalId").GetGuid());
        Assert.Equal(proposal, (await bupati.NextAsync("ProposalEvent", Wait)).GetProperty("proposalId").GetGuid());

        await Task.Delay(Silence);
        Assert.Empty(otherAsn.Drain());
        Assert.Empty(otherHead.Drain());
        Assert.Empty(otherPemkab.Drain());
    }

    [Fact]
    public async Task Every_open_connection_of_the_user_hears_their_notification_once_after_another_closed()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.diskominfo");
        await using var tab1 = await ReviewTestData.HubAsync(app, "asn.diskominfo");
        await using var tab2 = await ReviewTestData.HubAsync(app, "asn.diskominfo");
        var closed = await ReviewTestData.HubAsync(app, "asn.diskominfo");
        await closed.DisposeAsync();

        await ReviewTestData.PostReviewAsync(app, "reviewer", proposal, "Dua tab, satu notifikasi masing-masing.");

        var first = await tab1.NextAsync("Notification", Wait);
        var second = await tab2.NextAsync("Notification", Wait);
        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());
        Assert.Equal(proposal, second.GetProperty("proposalId").GetGuid());
        await Task.Delay(Silence);
        Assert.Empty(tab1.Drain());
        Assert.Empty(tab2.Drain());
    }

    [Fact]
    public async Task Reviewers_group_hears_submitted_proposals_but_not_events_of_drafts()
    {
        var submitted = await ReviewTestData.ProposalAsync(app, "asn.dispar");
        var draft = await ReviewTestData.ProposalAsync(app, "asn.dispar", ProposalStatus.Draft);
        await using var reviewer = await ReviewTestData.HubAsync(app, "reviewer");
        var pemkab = await app.WithDbAsync(db => db.Pemkabs.Where(p => p.Code == "kab-tegal").Select(p => p.Id).SingleAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var events = scope.ServiceProvider.GetRequiredService<IProposalEvents>();
        await events.PublishAsync(new ProposalEvent(pemkab, draft, ProposalEventKinds.DuplicateFlagged, null, new { similarity = 0.9 }));
        await events.PublishAsync(new ProposalEvent(pemkab, submitted, ProposalEventKinds.DuplicateFlagged, null, new { similarity = 0.9 }));
        var e = await reviewer.NextAsync("ProposalEvent", Wait);
        Assert.Equal(submitted, e.GetProperty("proposalId").GetGuid());
        await Task.Delay(Silence);
        Assert.Empty(reviewer.Drain());
    }

    [Fact]
    public async Task Watching_a_proposal_needs_the_right_to_see_it()
    {
        var draft = await ReviewTestData.ProposalAsync(app, "asn.dukcapil", ProposalStatus.Draft);
        var submitted = await ReviewTestData.ProposalAsync(app, "asn.dukcapil");
        var bintan = await ReviewTestData.ProposalAsync(app, "asn.bintan.dinkes", pemkab: "kab-bintan");
        await using var otherAsn = await ReviewTestData.HubAsync(app, "asn.rsud");
        await using var head = await ReviewTestData.HubAsync(app, "kepala.rsud");

        await Assert.ThrowsAsync<HubErrorException>(() => otherAsn.InvokeAsync("WatchProposal", draft));
        await Assert.ThrowsAsync<HubErrorException>(() => otherAsn.InvokeAsync("WatchProposal", submitted));
        await Assert.ThrowsAsync<HubErrorException>(() => head.InvokeAsync("WatchProposal", draft));
        await Assert.ThrowsAsync<HubErrorException>(() => head.InvokeAsync("WatchProposal", bintan));
        await Assert.ThrowsAsync<HubErrorException>(() => head.InvokeAsync("WatchProposal", Guid.NewGuid()));
        await head.InvokeAsync("WatchProposal", submitted);

        using var author = await app.ClientAsAsync("asn.dukcapil");
        (await author.PostAsJsonAsync($"/api/proposals/{submitted}/comments", new { body = "Data terlampir." })).EnsureSuccessStatusCode();
        var e = await head.NextAsync("ProposalEvent", Wait);
        Assert.Equal("comment.added", e.GetProperty("kind").GetString());
        await Task.Delay(Silence);
        Assert.Empty(otherAsn.Drain());

        await head.InvokeAsync("UnwatchProposal", submitted);
        (await author.PostAsJsonAsync($"/api/proposals/{submitted}/comments", new { body = "Satu lagi." })).EnsureSuccessStatusCode();
        await Task.Delay(Silence);
        Assert.Empty(head.Drain());
    }

    [Fact]
    public async Task Notifications_methods_only_touch_the_callers_own_rows()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dinsos");
        await ReviewTestData.PostReviewAsync(app, "reviewer", proposal, "Baik.");
        await using var author = await ReviewTestData.HubAsync(app, "asn.dinsos");
        await using var stranger = await ReviewTestData.HubAsync(app, "asn.dishub");

        var mine = (await author.InvokeAsync("GetMissedSince", 0L)).EnumerateArray().ToList();
        var id = Assert.Single(mine, n => n.GetProperty("proposalId").GetGuid() == proposal).GetProperty("id").GetInt64();
        Assert.Empty((await stranger.InvokeAsync("GetMissedSince", 0L)).EnumerateArray());

        var unread = (await author.InvokeAsync("GetUnreadCount")).GetInt32();
        Assert.Equal(0, (await stranger.InvokeAsync("MarkRead", id)).GetInt32());
        Assert.Equal(0, (await stranger.InvokeAsync("MarkAllRead")).GetInt32());
        Assert.Equal(unread, (await author.InvokeAsync("GetUnreadCount")).GetInt32());
        Assert.Equal(unread - 1, (await author.InvokeAsync("MarkRead", id)).GetInt32());
    }

    [Fact]
    public async Task Catch_up_after_reconnect_returns_missed_reviews_in_order()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.pupr");
        long lastId;
        await using (var author = await ReviewTestData.HubAsync(app, "asn.pupr"))
        {
            await ReviewTestData.PostReviewAsync(app, "kepala.dishub", proposal, "Pertama, saat terhubung.");
            lastId = (await author.NextAsync("Notification", Wait)).GetProperty("id").GetInt64();
        }
        await ReviewTestData.PostReviewAsync(app, "reviewer", proposal, "Kedua, saat terputus.");
        await ReviewTestData.PostReviewAsync(app, "kepala.disdik", proposal, "Ketiga, saat terputus.");

        await using var again = await ReviewTestData.HubAsync(app, "asn.pupr");
        var missed = (await again.InvokeAsync("GetMissedSince", lastId)).EnumerateArray().ToList();
        Assert.Equal(["Kedua, saat terputus.", "Ketiga, saat terputus."],
            missed.Select(n => n.GetProperty("payload").GetProperty("comment").GetString()));
        Assert.True(missed[0].GetProperty("id").GetInt64() < missed[1].GetProperty("id").GetInt64());

        using var http = await app.ClientAsAsync("asn.pupr");
        var viaHttp = await http.GetFromJsonAsync<List<JsonElement>>($"/api/notifications?after={lastId}");
        Assert.Equal(missed.Select(n => n.GetProperty("id").GetInt64()), viaHttp!.Select(n => n.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Hub_needs_a_token_and_the_query_string_token_works_on_hubs_only()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/hubs/feedback/negotiate?negotiateVersion=1", null)).StatusCode);
        using var authed = await app.ClientAsAsync("asn.dinkes");
        var token = authed.DefaultRequestHeaders.Authorization!.Parameter;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"/hubs/feedback/negotiate?negotiateVersion=1&access_token={token}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/notifications?access_token={token}")).StatusCode);
    }
}
