using System.Net;
using System.Net.Http.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Reviews;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Proposals;

/// <summary>
/// Issue #11.1 (nobody decides on their own proposal; a head's own proposal skips the endorsement visibly), #11.2 (a
/// committed change with no stored recipient answers 200 and still goes out live) and #11.8 (the Kepala's forwarding
/// is the gate before Tim Inovasi).
/// </summary>
public sealed class SelfDecisionTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_kepalas_own_proposal_goes_straight_to_review_visibly_and_the_submit_answers_200()
    {
        await using var reviewerHub = await ReviewTestData.HubAsync(app, "reviewer");
        using var head = await app.ClientAsAsync("kepala.dinsos");
        var p = await head.CreateAsync();

        // Before the fix the head could endorse their own proposal, and the submit, having no stored recipient,
        // answered 500 after committing.
        var submit = await head.TransitionAsync(p.Id, "Submitted", p.Version);
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var after = await head.GetProposalAsync(p.Id);
        Assert.Equal("InReview", after.Status);
        Assert.DoesNotContain("NeedsRevision", after.AllowedTransitions);

        var pushed = await reviewerHub.NextAsync("ProposalEvent", Wait);
        Assert.Equal(p.Id, pushed.GetProperty("proposalId").GetGuid());
        Assert.Equal(ProposalLifecycle.SubmitDirect, pushed.GetProperty("payload").GetProperty("action").GetString());
        Assert.Contains("tanpa pengesahan Kepala OPD", pushed.GetProperty("payload").GetProperty("note").GetString());
        var audit = await app.WithDbAsync(db => db.Audit.Where(a => a.ProposalId == p.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains("proposal." + ProposalLifecycle.SubmitDirect, audit);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.TransitionAsync(p.Id, "NeedsRevision", after.Version)).StatusCode);
    }

    [Fact]
    public async Task A_proposal_of_an_opd_without_a_head_goes_to_review_and_the_submit_answers_200()
    {
        await app.WithDbAsync(async db =>
        {
            var pemkab = await db.Pemkabs.SingleAsync(x => x.Code == "kab-tegal");
            db.Opds.Add(new Opd { PemkabId = pemkab.Id, Code = "tanpa-kepala", Name = "Kantor Tanpa Kepala" });
            return await db.SaveChangesAsync();
        });
        await ReviewTestData.CreateUserAsync(app, "asn.tanpa-kepala", Roles.Asn, "tanpa-kepala");
        using var asn = await app.ClientAsAsync("asn.tanpa-kepala");
        var p = await asn.CreateAsync();
        var submit = await asn.TransitionAsync(p.Id, "Submitted", p.Version);
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal("InReview", (await asn.GetProposalAsync(p.Id)).Status);
    }

    [Fact]
    public async Task A_reviewer_who_wrote_a_proposal_takes_no_decision_on_it_another_reviewer_does()
    {
        await ReviewTestData.CreateUserAsync(app, "reviewer.pengusul", Roles.Reviewer, "dinkes");
        using var author = await app.ClientAsAsync("reviewer.pengusul");
        using var head = await app.ClientAsAsync("kepala.dinkes");
        using var other = await app.ClientAsAsync("reviewer");
        var p = await author.CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await author.TransitionAsync(p.Id, "Submitted", p.Version)).StatusCode);
        var submitted = await author.GetProposalAsync(p.Id);
        Assert.Equal("Submitted", submitted.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.TransitionAsync(p.Id, "InReview", submitted.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.TransitionAsync(p.Id, "InReview", submitted.Version)).StatusCode);

        var inReview = await author.GetProposalAsync(p.Id);
        Assert.Empty(inReview.AllowedTransitions);
        foreach (var to in new[] { "ApprovedForTrial", "Rejected", "NeedsRevision" })
            Assert.Equal(HttpStatusCode.Forbidden, (await author.TransitionAsync(p.Id, to, inReview.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await author.PutAsJsonAsync($"/api/proposals/{p.Id}/review", await ReviewTestData.ReviewBodyAsync(author))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await other.TransitionAsync(p.Id, "ApprovedForTrial", inReview.Version)).StatusCode);
        var approved = await author.GetProposalAsync(p.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.TransitionAsync(p.Id, "Implemented", approved.Version)).StatusCode);
    }

    [Fact]
    public async Task Reviewers_cannot_open_score_or_forward_a_submission_before_its_kepala_forwards_it()
    {
        using var asn = await app.ClientAsAsync("asn.dpmptsp");
        using var reviewer = await app.ClientAsAsync("reviewer");
        using var head = await app.ClientAsAsync("kepala.dpmptsp");
        var p = await asn.CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await asn.TransitionAsync(p.Id, "Submitted", p.Version)).StatusCode);
        var submitted = await asn.GetProposalAsync(p.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/proposals/{p.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await reviewer.PutAsJsonAsync($"/api/proposals/{p.Id}/review", await ReviewTestData.ReviewBodyAsync(reviewer))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.TransitionAsync(p.Id, "InReview", submitted.Version)).StatusCode);
        Assert.DoesNotContain(p.Id.ToString(), await reviewer.GetStringAsync("/api/proposals"));
        await using (var hub = await ReviewTestData.HubAsync(app, "reviewer"))
            await Assert.ThrowsAsync<Realtime.HubErrorException>(() => hub.InvokeAsync("WatchProposal", p.Id));

        Assert.Equal(HttpStatusCode.OK, (await head.TransitionAsync(p.Id, "InReview", submitted.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await reviewer.PutAsJsonAsync($"/api/proposals/{p.Id}/review", await ReviewTestData.ReviewBodyAsync(reviewer))).StatusCode);
    }
}
