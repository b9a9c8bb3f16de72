using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Proposals;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Workflow;

/// <summary>Issue 12.1: decision reasons stay on the record, in the API and on the proposal page.</summary>
public sealed class TimelineTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task Revision_and_rejection_need_a_reason_and_every_change_is_on_the_timeline_with_it()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var kepala = await app.ClientAsAsync("kepala.dinkes");
        var p = await asn.CreateAsync();
        var submitted = await Read(await asn.TransitionAsync(p.Id, "Submitted", p.Version));

        var blank = await kepala.TransitionAsync(p.Id, "NeedsRevision", submitted.Version, "  ");
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var problem = JsonDocument.Parse(await blank.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("perlu diperbaiki", problem.GetProperty("errors").GetProperty("note")[0].GetString());
        Assert.Equal("Submitted", (await asn.GetProposalAsync(p.Id)).Status);

        var returned = await Read(await kepala.TransitionAsync(p.Id, "NeedsRevision", submitted.Version, "Tambahkan data dasar per kecamatan."));
        var resubmitted = await Read(await asn.TransitionAsync(p.Id, "Submitted", returned.Version));
        var reviewer = await app.ClientAsAsync("reviewer");
        var inReview = await Read(await kepala.TransitionAsync(p.Id, "InReview", resubmitted.Version));
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.TransitionAsync(p.Id, "Rejected", inReview.Version)).StatusCode);
        await Read(await reviewer.TransitionAsync(p.Id, "Rejected", inReview.Version, "Sudah ada program serupa di Dinas Kesehatan."));

        var timeline = await asn.GetFromJsonAsync<List<TimelineEntry>>($"/api/proposals/{p.Id}/timeline") ?? [];
        Assert.Equal(
            ["Draft>Submitted submit", "Submitted>NeedsRevision request-revision", "NeedsRevision>Submitted resubmit",
             "Submitted>InReview endorse", "InReview>Rejected reject"],
            timeline.Select(e => $"{e.From}>{e.To} {e.Action}"));
        Assert.Equal("Tambahkan data dasar per kecamatan.", timeline[1].Reason);
        Assert.Equal("Sudah ada program serupa di Dinas Kesehatan.", timeline[4].Reason);
        Assert.False(string.IsNullOrEmpty(timeline[1].ActorName));
        Assert.True(timeline.Zip(timeline.Skip(1)).All(x => x.First.At <= x.Second.At));

        var other = await app.ClientAsAsync("asn.disdik");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/proposals/{p.Id}/timeline")).StatusCode);
        var events = await app.WithDbAsync(db => db.Set<ProposalStatusEvent>().CountAsync(e => e.ProposalId == p.Id));
        Assert.Equal(5, events);
    }

    [Fact]
    public async Task A_refused_transition_writes_no_timeline_event()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync();
        var kepala = await app.ClientAsAsync("kepala.disdik");
        Assert.Equal(HttpStatusCode.NotFound, (await kepala.TransitionAsync(p.Id, "Submitted", p.Version, "x")).StatusCode);
        var stale = await asn.TransitionAsync(p.Id, "Submitted", p.Version + 1);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Empty(await asn.GetFromJsonAsync<List<TimelineEntry>>($"/api/proposals/{p.Id}/timeline") ?? []);
    }

    private static async Task<ProposalDto> Read(HttpResponseMessage res)
    {
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        return (await res.Content.ReadFromJsonAsync<ProposalDto>(ProposalSnapshot.Json))!;
    }
}
