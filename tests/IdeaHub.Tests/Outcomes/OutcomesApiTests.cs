using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Platform;
using IdeaHub.Tests.Reviews;
using IdeaHub.Web.Outcomes;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Outcomes;

public sealed class OutcomesApiTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private static object Body(Guid indicator, decimal value, string note = "") => new { values = new[] { new { indicatorId = indicator, value, note } } };

    private Task<int> RowsAsync(Guid proposal) => app.WithDbAsync(db => db.Set<Realisation>().CountAsync(r => r.ProposalId == proposal));

    [Fact]
    public async Task The_team_reports_a_month_and_everyone_who_sees_the_proposal_reads_it()
    {
        await ReviewTestData.CreateUserAsync(app, "asn.dispar.co", "Asn", "dispar");
        var p = await OutcomeTestData.InnovationAsync(app, "asn.dispar", coAuthor: "asn.dispar.co");
        using var author = await app.ClientAsAsync("asn.dispar");
        var res = await author.PutAsJsonAsync($"/api/proposals/{p.Id}/outcomes/{OutcomeTestData.ThisMonth}", Body(p.Visitors, 2100, "Festival"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var co = await app.ClientAsAsync("asn.dispar.co");
        (await co.PutAsJsonAsync($"/api/proposals/{p.Id}/outcomes/{OutcomeTestData.ThisMonth}", Body(p.Days, 12))).EnsureSuccessStatusCode();

        foreach (var reader in new[] { "kepala.dispar", "reviewer", "bupati", "asn.dinkes" })
        {
            using var client = await app.ClientAsAsync(reader);
            var o = await client.GetFromJsonAsync<JsonElement>($"/api/proposals/{p.Id}/outcomes");
            var indicators = o.GetProperty("indicators").EnumerateArray().ToList();
            Assert.Equal("Achieved", indicators[0].GetProperty("state").GetString());
            Assert.Equal(2100m, indicators[0].GetProperty("points")[0].GetProperty("value").GetDecimal());
            Assert.Equal(12m, indicators[1].GetProperty("points")[0].GetProperty("value").GetDecimal());
            Assert.False(o.GetProperty("canReport").GetBoolean());
        }
        Assert.Equal(2, await RowsAsync(p.Id));
    }

    [Fact]
    public async Task Reporting_the_same_month_again_replaces_the_value()
    {
        var p = await OutcomeTestData.InnovationAsync(app, "asn.dinkes");
        using var author = await app.ClientAsAsync("asn.dinkes");
        var url = $"/api/proposals/{p.Id}/outcomes/{OutcomeTestData.ThisMonth}";
        (await author.PutAsJsonAsync(url, Body(p.Visitors, 1100))).EnsureSuccessStatusCode();
        var o = await (await author.PutAsJsonAsync(url, Body(p.Visitors, 1900))).Content.ReadFromJsonAsync<JsonElement>();
        var points = o.GetProperty("indicators")[0].GetProperty("points");
        Assert.Equal(1, points.GetArrayLength());
        Assert.Equal(1900m, points[0].GetProperty("value").GetDecimal());
        Assert.True(o.GetProperty("canReport").GetBoolean());
    }

    [Fact]
    public async Task Only_the_team_of_a_running_innovation_may_report()
    {
        var p = await OutcomeTestData.InnovationAsync(app, "asn.disdik");
        var url = $"/api/proposals/{p.Id}/outcomes/{OutcomeTestData.ThisMonth}";
        foreach (var other in new[] { "kepala.disdik", "reviewer", "bupati", "asn.dinkes", "admin" })
        {
            using var client = await app.ClientAsAsync(other);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync(url, Body(p.Visitors, 1500))).StatusCode);
        }
        using var otherPemkab = await app.ClientAsAsync("kepala.bintan.dinkes");
        Assert.Equal(HttpStatusCode.NotFound, (await otherPemkab.PutAsJsonAsync(url, Body(p.Visitors, 1500))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPemkab.GetAsync($"/api/proposals/{p.Id}/outcomes")).StatusCode);

        var inReview = await OutcomeTestData.InnovationAsync(app, "asn.disdik", ProposalStatus.InReview);
        using var author = await app.ClientAsAsync("asn.disdik");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await author.PutAsJsonAsync($"/api/proposals/{inReview.Id}/outcomes/{OutcomeTestData.ThisMonth}", Body(inReview.Visitors, 1500))).StatusCode);
        Assert.Equal(0, await RowsAsync(p.Id) + await RowsAsync(inReview.Id));
    }

    [Fact]
    public async Task Bad_reports_answer_400_in_Indonesian_and_store_nothing()
    {
        var p = await OutcomeTestData.InnovationAsync(app, "asn.dukcapil");
        var other = await OutcomeTestData.InnovationAsync(app, "asn.dukcapil");
        using var author = await app.ClientAsAsync("asn.dukcapil");
        var future = DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM");
        var cases = new (string Period, object Body, string Detail)[]
        {
            ("2026-13", Body(p.Visitors, 1), "tttt-bb"),
            ("bulan", Body(p.Visitors, 1), "tttt-bb"),
            (future, Body(p.Visitors, 1), "belum berjalan"),
            (OutcomeTestData.ThisMonth, Body(other.Visitors, 1), "tidak termasuk"),
            (OutcomeTestData.ThisMonth, new { values = Array.Empty<object>() }, "sedikitnya satu"),
            (OutcomeTestData.ThisMonth, Body(p.Visitors, 1, new string('x', 2001)), "terlalu panjang"),
        };
        foreach (var (period, body, detail) in cases)
        {
            var res = await author.PutAsJsonAsync($"/api/proposals/{p.Id}/outcomes/{period}", body);
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            Assert.Contains(detail, await res.Content.ReadAsStringAsync());
        }
        var huge = await author.PutAsync($"/api/proposals/{p.Id}/outcomes/{OutcomeTestData.ThisMonth}",
            new StringContent($$"""{"values":[{"indicatorId":"{{p.Visitors}}","value":1e40}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal(0, await RowsAsync(p.Id));
    }

    [Fact]
    public async Task The_report_form_saves_a_month_and_the_proposal_page_draws_it()
    {
        var p = await OutcomeTestData.InnovationAsync(app, "asn.dishub");
        using var author = await app.BrowserAsAsync("asn.dishub");
        var form = $"/proposals/{p.Id}/outcomes/report";
        var bad = await author.PostFormAsync(form, form, new()
        {
            ["Period"] = OutcomeTestData.ThisMonth, ["Rows[0].IndicatorId"] = p.Visitors.ToString(), ["Rows[0].Value"] = "banyak",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("harus berupa angka", await bad.Content.ReadAsStringAsync());
        Assert.Equal(0, await RowsAsync(p.Id));

        var res = await author.PostFormAsync(form, form, new()
        {
            ["Period"] = OutcomeTestData.ThisMonth,
            ["Rows[0].IndicatorId"] = p.Visitors.ToString(), ["Rows[0].Value"] = "1500", ["Rows[0].Note"] = "Musim libur",
            ["Rows[1].IndicatorId"] = p.Days.ToString(), ["Rows[1].Value"] = "12,5",
        });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal(2, await RowsAsync(p.Id));

        using var head = await app.BrowserAsAsync("kepala.dishub");
        var page = await head.GetStringAsync($"/proposals/{p.Id}");
        Assert.Contains("data-testid=\"outcomes-panel\"", page);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(page, "data-points=\"1\"").Count);
        Assert.Contains("12,5", page);
        Assert.Contains("Musim libur", page);
        Assert.DoesNotContain("data-testid=\"report-link\"", page);
        Assert.NotEqual(HttpStatusCode.OK, (await head.GetAsync(form)).StatusCode);
    }
}
