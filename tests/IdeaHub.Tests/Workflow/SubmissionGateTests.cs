using System.Net;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Proposals;

namespace IdeaHub.Tests.Workflow;

/// <summary>Issue 12.5: the gate refuses exactly what the checks call errors, all of it at once.</summary>
public sealed class SubmissionGateTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task Every_error_the_checks_report_blocks_submission_and_all_are_listed_together()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync(ProposalClient.Good with { Benefits = "", Results = "", Problem = "Antrean panjang." });
        var checks = JsonDocument.Parse(await asn.GetStringAsync($"/api/proposals/{p.Id}/checks")).RootElement.EnumerateArray()
            .Where(c => c.GetProperty("severity").GetString() == "Error").Select(c => c.GetProperty("field").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "benefits", "results", "problem" }, checks);

        var res = await asn.TransitionAsync(p.Id, "Submitted", p.Version);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(checks, errors.EnumerateObject().Select(e => (string?)e.Name).ToHashSet());
        Assert.Contains("Kemendagri", errors.GetProperty("benefits")[0].GetString() + await asn.GetStringAsync($"/api/proposals/{p.Id}/checks"));
        Assert.Equal("Draft", (await asn.GetProposalAsync(p.Id)).Status);
    }

    [Fact]
    public async Task Warnings_alone_do_not_block()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync(ProposalClient.Good with { Design = "Rancang bangun singkat tapi ada." });
        Assert.Equal(HttpStatusCode.OK, (await asn.TransitionAsync(p.Id, "Submitted", p.Version)).StatusCode);
    }
}
