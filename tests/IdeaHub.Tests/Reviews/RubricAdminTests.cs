using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;

namespace IdeaHub.Tests.Reviews;

public sealed class RubricAdminTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private static object Item(JsonElement c, string? name = null, decimal? weight = null, bool? active = null) => new
    {
        id = c.GetProperty("id").GetGuid(), code = c.GetProperty("code").GetString(),
        name = name ?? c.GetProperty("name").GetString(), nameEn = c.GetProperty("nameEn").GetString(),
        description = c.GetProperty("description").GetString(),
        weight = weight ?? c.GetProperty("weight").GetDecimal(), isActive = active ?? c.GetProperty("isActive").GetBoolean(),
    };

    [Fact]
    public async Task Invalid_rubrics_are_refused_with_problem_details()
    {
        using var admin = await app.ClientAsAsync("admin");
        var current = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/admin/rubric"))!;
        async Task<HttpStatusCode> Put(object body) => (await admin.PutAsJsonAsync("/api/admin/rubric", body)).StatusCode;

        Assert.Equal(HttpStatusCode.BadRequest, await Put(current.Select((c, i) => Item(c, weight: i == 0 ? 0 : null))));
        Assert.Equal(HttpStatusCode.BadRequest, await Put(current.Select((c, i) => Item(c, name: i == 0 ? " " : null))));
        Assert.Equal(HttpStatusCode.BadRequest, await Put(current.Select(c => Item(c, active: false))));
        Assert.Equal(HttpStatusCode.BadRequest, await Put(current.Select(c => Item(c)).Append(new { code = "kebaruan", name = "Dobel", weight = 1, isActive = true })));
        Assert.Equal(HttpStatusCode.BadRequest, await Put(current.Select(c => Item(c)).Append(new { code = "Bad Code", name = "X", weight = 1, isActive = true })));
        var res = await admin.PutAsJsonAsync("/api/admin/rubric", current.Select((c, i) => Item(c, weight: i == 0 ? 11 : null)));
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Admin_changes_weights_and_adds_a_criterion_others_may_not()
    {
        using var admin = await app.ClientAsAsync("admin");
        var current = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/admin/rubric"))!;
        var body = current.Select((c, i) => Item(c, weight: i == 0 ? 2.5m : null))
            .Append(new { code = "partisipasi", name = "Partisipasi masyarakat", weight = 0.5m, isActive = true });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/admin/rubric", body)).StatusCode);
        var rubric = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/rubric"))!;
        Assert.Equal(current.Count + 1, rubric.Count);
        Assert.Equal(2.5m, rubric[0].GetProperty("weight").GetDecimal());

        using var reviewer = await app.ClientAsAsync("reviewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PutAsJsonAsync("/api/admin/rubric", body)).StatusCode);
        using var bintan = await app.ClientAsAsync("admin.bintan");
        Assert.Equal(6, (await bintan.GetFromJsonAsync<List<JsonElement>>("/api/rubric"))!.Count);
    }
}
