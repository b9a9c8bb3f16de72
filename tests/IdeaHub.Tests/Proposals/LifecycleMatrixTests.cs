using System.Net;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Data;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Proposals;

/// <summary>
/// Roles × statuses × actions through the HTTP API. The expectations are written out here by hand (not derived from
/// ProposalLifecycle), so a change to the rules has to change this table too.
/// </summary>
public sealed class LifecycleMatrixTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private static readonly string[] Users = ["asn.dinkes", "asn.disdik", "kepala.dinkes", "kepala.disdik", "reviewer", "bupati", "admin", "asn.bintan.dinkes"];

    private const string Reviewable = "Submitted InReview NeedsRevision ApprovedForTrial Implemented Rejected";
    private const string Public = "ApprovedForTrial Implemented";
    // Every Kepala OPD votes on proposals in review, and the leadership ranks them: they see InReview too.
    private const string Panel = "InReview ApprovedForTrial Implemented";

    private static readonly Dictionary<string, string> Visible = new()
    {
        ["asn.dinkes"] = "Draft Submitted InReview NeedsRevision ApprovedForTrial Implemented Rejected Archived",
        ["asn.disdik"] = Public,
        ["kepala.dinkes"] = Reviewable,
        ["kepala.disdik"] = Panel,
        // Tim Inovasi sees a submission once its Kepala OPD has forwarded it (#11.8).
        ["reviewer"] = "InReview NeedsRevision ApprovedForTrial Implemented Rejected",
        ["bupati"] = Panel,
        ["admin"] = Public,
        ["asn.bintan.dinkes"] = "",
    };

    private static readonly HashSet<string> Allowed =
    [
        "asn.dinkes: Draft>Submitted", "asn.dinkes: Draft>Archived", "asn.dinkes: NeedsRevision>Submitted", "asn.dinkes: NeedsRevision>Archived",
        "kepala.dinkes: Submitted>InReview", "kepala.dinkes: Submitted>NeedsRevision", "kepala.dinkes: InReview>NeedsRevision",
        "reviewer: InReview>NeedsRevision", "reviewer: InReview>ApprovedForTrial", "reviewer: InReview>Rejected",
        "reviewer: ApprovedForTrial>Implemented", "reviewer: Rejected>Archived",
    ];

    [Fact]
    public async Task Visibility_and_transitions_follow_the_table_for_every_role_and_status()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var u in Users) clients[u] = await app.ClientAsAsync(u);
        var created = await clients["asn.dinkes"].CreateAsync();
        var failures = new List<string>();
        var statuses = Enum.GetValues<ProposalStatus>();
        foreach (var from in statuses)
        {
            foreach (var user in Users)
            {
                var version = await SetStatusAsync(created.Id, from);
                var get = await clients[user].GetAsync($"/api/proposals/{created.Id}");
                var visible = Visible[user].Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(from.ToString());
                Expect(failures, $"{user} GET {from}", get.StatusCode, visible ? HttpStatusCode.OK : HttpStatusCode.NotFound);
                var listed = (await clients[user].GetStringAsync("/api/proposals")).Contains(created.Id.ToString());
                if (listed != visible) failures.Add($"{user} list {from}: listed={listed}");
                foreach (var to in statuses)
                {
                    version = await SetStatusAsync(created.Id, from);
                    var res = await clients[user].TransitionAsync(created.Id, to.ToString(), version, "Alasan uji matriks");
                    var expected = Allowed.Contains($"{user}: {from}>{to}") ? HttpStatusCode.OK
                        : visible ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
                    Expect(failures, $"{user} {from}>{to}", res.StatusCode, expected);
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_transition_is_audited_and_a_stale_version_is_a_409()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync();
        var ok = await asn.TransitionAsync(p.Id, "Submitted", p.Version, "mohon ditinjau");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var kepala = await app.ClientAsAsync("kepala.dinkes");
        var stale = await kepala.TransitionAsync(p.Id, "InReview", p.Version);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var audit = await app.WithDbAsync(db => db.Audit.Where(a => a.ProposalId == p.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains("proposal.submit", audit);
        Assert.Equal("Submitted", (await asn.GetProposalAsync(p.Id)).Status);
    }

    [Fact]
    public async Task An_incomplete_draft_cannot_be_submitted()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync(ProposalSnapshot.Empty with { Title = "Ide setengah jadi" });
        var res = await asn.TransitionAsync(p.Id, "Submitted", p.Version);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var body = await res.Content.ReadAsStringAsync();
        Assert.Contains("indicators", body);
        Assert.Contains("urusan", body);
    }

    private Task<uint> SetStatusAsync(Guid id, ProposalStatus status) => app.WithDbAsync(async db =>
    {
        var p = await db.Set<Proposal>().SingleAsync(x => x.Id == id);
        p.Status = status;
        await db.SaveChangesAsync();
        return p.Version;
    });

    private static void Expect(List<string> failures, string what, HttpStatusCode actual, HttpStatusCode expected)
    {
        if (actual != expected) failures.Add($"{what}: {(int)actual}, expected {(int)expected}");
    }
}
