using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Tests.Platform;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Tests.Outcomes;

public sealed class CatalogueTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    private static string Word() => "jembatan" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<List<string>> TitlesAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/catalogue?{query}");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
    }

    private Task<OutcomeTestData.Created> MakeAsync(string author, ProposalStatus status, string title, string word, string pemkab = "kab-tegal") =>
        OutcomeTestData.InnovationAsync(app, author, status, pemkab: pemkab, title: title, design: $"Rancang bangun {word} untuk desa wisata.");

    [Fact]
    public async Task Finds_by_a_word_only_what_the_reader_may_see_plus_other_Pemkabs_public_innovations()
    {
        var w = Word();
        await MakeAsync("asn.dispar", ProposalStatus.ApprovedForTrial, "A uji coba", w);
        await MakeAsync("asn.dispar", ProposalStatus.Draft, "B draf", w);
        await MakeAsync("asn.dinkes", ProposalStatus.InReview, "C ditinjau", w);
        await MakeAsync("asn.bintan.dinkes", ProposalStatus.Implemented, "D bintan diterapkan", w, "kab-bintan");
        await MakeAsync("asn.bintan.dinkes", ProposalStatus.InReview, "E bintan ditinjau", w, "kab-bintan");
        await MakeAsync("asn.dispar", ProposalStatus.ApprovedForTrial, "F tanpa kata", "lain");

        using var member = await app.ClientAsAsync("asn.disdik");
        Assert.Equal(["D bintan diterapkan", "A uji coba"], await TitlesAsync(member, $"q={w}"));
        using var author = await app.ClientAsAsync("asn.dispar");
        Assert.Equal(["D bintan diterapkan", "B draf", "A uji coba"], await TitlesAsync(author, $"q={w}"));
        using var reviewer = await app.ClientAsAsync("reviewer");
        Assert.Equal(["D bintan diterapkan", "C ditinjau", "A uji coba"], await TitlesAsync(reviewer, $"q={w}"));
        using var bintan = await app.ClientAsAsync("asn.bintan.dinkes");
        Assert.Equal(["E bintan ditinjau", "D bintan diterapkan", "A uji coba"], await TitlesAsync(bintan, $"q={w}"));

        var page = await member.GetFromJsonAsync<JsonElement>($"/api/catalogue?q={w}");
        Assert.True(page.GetProperty("items")[0].GetProperty("priorArt").GetBoolean());
        Assert.False(page.GetProperty("items")[1].GetProperty("priorArt").GetBoolean());
    }

    [Fact]
    public async Task Filters_combine_with_the_words()
    {
        var w = Word();
        var achieved = await MakeAsync("asn.dispar", ProposalStatus.ApprovedForTrial, "tercapai", w);
        await MakeAsync("asn.dispar", ProposalStatus.Implemented, "diterapkan", w);
        await MakeAsync("asn.dinkes", ProposalStatus.ApprovedForTrial, "dinkes", w);
        using var author = await app.ClientAsAsync("asn.dispar");
        (await author.PutAsJsonAsync($"/api/proposals/{achieved.Id}/outcomes/{OutcomeTestData.ThisMonth}", new
        {
            values = new object[] { new { indicatorId = achieved.Visitors, value = 2500 }, new { indicatorId = achieved.Days, value = 3 } },
        })).EnsureSuccessStatusCode();

        using var head = await app.ClientAsAsync("kepala.disdik");
        var dispar = await app.OpdIdAsync("dispar");
        Assert.Equal(["diterapkan", "tercapai"], await TitlesAsync(head, $"q={w}&opd={dispar}"));
        Assert.Equal(["diterapkan"], await TitlesAsync(head, $"q={w}&status=Implemented"));
        Assert.Equal(["tercapai"], await TitlesAsync(head, $"q={w}&outcome=Achieved"));
        Assert.Equal(3, (await TitlesAsync(head, $"q={w}&stage=UjiCoba&urusan=pariwisata&year={DateTime.UtcNow.Year}")).Count);
        Assert.Empty(await TitlesAsync(head, $"q={w}&stage=Penerapan"));
        Assert.Empty(await TitlesAsync(head, $"q={w}&year=2001"));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_gaps_or_repeats()
    {
        var w = Word();
        for (var i = 0; i < 5; i++) await MakeAsync("asn.dukcapil", ProposalStatus.Implemented, $"halaman {i}", w);
        using var reader = await app.ClientAsAsync("bupati");
        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await reader.GetFromJsonAsync<JsonElement>($"/api/catalogue?q={w}&limit=2" + (next is null ? "" : $"&after={next}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!));
            next = page.GetProperty("next").GetString();
            pages++;
        } while (next is not null);
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"halaman {i}"), seen);
    }

    [Fact]
    public async Task Bad_input_answers_400()
    {
        using var client = await app.ClientAsAsync("asn.dinkes");
        foreach (var q in new[] { "limit=0", "limit=101", "after=abc", "after=99999999999999999999_x", "stage=Foo", "status=99",
                     "outcome=Bagus", "year=1999", "q=" + new string('a', 201) })
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/catalogue?{q}")).StatusCode);
    }

    [Fact]
    public async Task The_page_lists_links_to_proposals()
    {
        var w = Word();
        var p = await MakeAsync("asn.dispar", ProposalStatus.ApprovedForTrial, "Halaman katalog", w);
        using var browser = await app.BrowserAsAsync("kepala.dinkes");
        var html = await browser.GetStringAsync($"/catalogue?q={w}");
        Assert.Contains($"href=\"/proposals/{p.Id}\"", html);
        Assert.Contains("Halaman katalog", html);
        Assert.Contains("catalogue-empty", await browser.GetStringAsync($"/catalogue?q={Word()}"));
    }
}
