using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Rankings;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Reviews;

public sealed class RubricWeightRankingTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task Changing_a_weight_reweights_the_open_months_ranking_sums()
    {
        var proposal = await ReviewTestData.ProposalAsync(app, "asn.dispar");
        using var reviewer = await app.ClientAsAsync("reviewer");
        var rubric = (await reviewer.GetFromJsonAsync<List<JsonElement>>("/api/rubric"))!;
        // 5 on the first criterion, 1 on the others: the weighted score moves with the first weight.
        var review = new
        {
            scores = rubric.Select((c, i) => new { criterionId = c.GetProperty("id").GetGuid(), score = i == 0 ? 5 : 1 }).ToList(),
            recommendation = "Approve", comment = "Uji bobot.",
        };
        Assert.True((await reviewer.PutAsJsonAsync($"/api/proposals/{proposal}/review", review)).IsSuccessStatusCode);
        var others = rubric.Skip(1).Sum(c => c.GetProperty("weight").GetDouble());
        var first = rubric[0].GetProperty("weight").GetDouble();
        Assert.Equal(Math.Round((5 * first + others) / (first + others), 6), Math.Round(await ScoreSumAsync(proposal), 6));

        using var admin = await app.ClientAsAsync("admin");
        var current = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/admin/rubric"))!;
        var body = current.Select((c, i) => new
        {
            id = c.GetProperty("id").GetGuid(), code = c.GetProperty("code").GetString(), name = c.GetProperty("name").GetString(),
            nameEn = c.GetProperty("nameEn").GetString(), description = c.GetProperty("description").GetString(),
            weight = i == 0 ? 5m : c.GetProperty("weight").GetDecimal(), isActive = c.GetProperty("isActive").GetBoolean(),
        });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/admin/rubric", body)).StatusCode);

        Assert.Equal(Math.Round((5 * 5 + others) / (5 + others), 6), Math.Round(await ScoreSumAsync(proposal), 6));
    }

    private Task<double> ScoreSumAsync(Guid proposal) => app.WithDbAsync(db =>
        db.Set<RankingAggregate>().AsNoTracking().Where(a => a.ProposalId == proposal).SumAsync(a => a.ScoreSum));
}
