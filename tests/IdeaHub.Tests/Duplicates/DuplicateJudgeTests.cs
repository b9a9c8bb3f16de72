using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using IdeaHub.Tests.Proposals;
using IdeaHub.Web.Duplicates;
using IdeaHub.Web.Proposals;
using Xunit.Abstractions;

namespace IdeaHub.Tests.Duplicates;

/// <summary>The duplicates app with the real in-process llama.cpp runtime on stories260K as its chat model.</summary>
public sealed class StoriesDuplicatesApp : DuplicatesApp
{
    public StoriesDuplicatesApp()
    {
        With("IdeaHub:AI:Chat:Provider", "LlamaCpp");
        With("IdeaHub:AI:Chat:ModelPath", StoriesAssistantApp.ModelPath);
        With("IdeaHub:AI:Chat:ContextLength", "12288");
        With("IdeaHub:AI:Chat:MaxParallelSequences", "1");
        With("IdeaHub:AI:Chat:Threads", "2");
    }
}

/// <summary>
/// The model judge's mechanics on the real runtime. stories260K writes children's stories in English, so its verdicts
/// mean nothing; what is checked is the path: a schema-constrained answer that parses, the cache per pair and content,
/// the access rule on both proposals, and the flag that tells the page to ask.
/// </summary>
[Trait("Category", "RealModel")]
public sealed class DuplicateJudgeTests(StoriesDuplicatesApp app, ITestOutputHelper output) : IClassFixture<StoriesDuplicatesApp>
{
    [Fact]
    public async Task The_local_model_judges_a_pair_once_per_content_and_only_what_the_reader_may_open()
    {
        var a = await app.ProposalAsync("dinkes", "Antrean online puskesmas", "Pasien mengambil nomor antrean dari ponsel.");
        var b = await app.ProposalAsync("dukcapil", "Antrean daring puskesmas kecamatan", "Warga mendaftar berobat lewat WhatsApp.");
        var hidden = await app.ProposalAsync("rsud", "Antrean online RSUD", "Draf yang belum boleh dibaca OPD lain.", ProposalStatus.Draft);
        await app.DrainAsync();
        // Tim Inovasi reads submitted proposals of every OPD, and no OPD's drafts.
        using var asn = await app.ClientAsAsync("reviewer");

        var similar = await asn.GetFromJsonAsync<SimilarResult>($"/api/proposals/{a}/similar");
        Assert.True(similar!.Judge);

        var clock = Stopwatch.StartNew();
        var first = await asn.GetFromJsonAsync<DuplicateVerdict>($"/api/proposals/{a}/similar/{b}/verdict");
        output.WriteLine($"first verdict in {clock.ElapsedMilliseconds} ms: {first}");
        Assert.False(first!.Cached);
        Assert.False(string.IsNullOrWhiteSpace(first.Reason));
        Assert.False(string.IsNullOrWhiteSpace(first.Model));

        // Asked the other way round, the same pair and contents come from the cache.
        var again = await asn.GetFromJsonAsync<DuplicateVerdict>($"/api/proposals/{b}/similar/{a}/verdict");
        Assert.True(again!.Cached);
        Assert.Equal((first.Same, first.Reason), (again.Same, again.Reason));

        // A changed text is judged again.
        await app.WithDbAsync(async db =>
        {
            var p = await db.Set<Proposal>().FindAsync(b);
            p!.Problem = "Warga mendaftar berobat lewat aplikasi.";
            return await db.SaveChangesAsync();
        });
        var changed = await asn.GetFromJsonAsync<DuplicateVerdict>($"/api/proposals/{a}/similar/{b}/verdict");
        Assert.False(changed!.Cached);

        // Another OPD's draft is never read by the model for this reader.
        Assert.Equal(HttpStatusCode.NotFound, (await asn.GetAsync($"/api/proposals/{a}/similar/{hidden}/verdict")).StatusCode);
    }
}

/// <summary>Without a chat model the judge is off: the list says so and there is no verdict to ask for.</summary>
public sealed class DuplicateJudgeOffTests(DuplicatesApp app) : IClassFixture<DuplicatesApp>
{
    [Fact]
    public async Task Without_a_chat_model_the_list_does_not_offer_verdicts()
    {
        var a = await app.ProposalAsync("dinkes", "Antrean online puskesmas", "Pasien mengambil nomor antrean dari ponsel.");
        var b = await app.ProposalAsync("dukcapil", "Antrean daring puskesmas", "Warga mendaftar berobat lewat WhatsApp.");
        await app.DrainAsync();
        using var asn = await app.ClientAsAsync("asn.dinkes");
        var similar = await asn.GetFromJsonAsync<SimilarResult>($"/api/proposals/{a}/similar");
        Assert.False(similar!.Judge);
        Assert.Contains(similar.SamePemkab, m => m.ProposalId == b);
        Assert.Equal(HttpStatusCode.NotFound, (await asn.GetAsync($"/api/proposals/{a}/similar/{b}/verdict")).StatusCode);
    }
}
