using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Assistant;
using IdeaHub.Web.Data;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Proposals;

public sealed class ProposalApiTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task Oversized_input_is_a_validation_problem_in_Indonesian_or_English()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var tooMany = Enumerable.Range(0, 21).Select(n => new IndicatorData($"Indikator {n}", "persen", 1, 2, null)).ToList();
        var bad = ProposalClient.Good with { Title = new string('a', 201), Design = new string('b', 20_001), Indicators = tooMany };
        var res = await asn.PostAsJsonAsync("/api/proposals", ProposalClient.Input(bad));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var problem = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;
        var errors = problem.GetProperty("errors");
        Assert.Contains("maksimal 200", errors.GetProperty("title")[0].GetString());
        Assert.True(errors.TryGetProperty("design", out _));
        Assert.True(errors.TryGetProperty("indicators", out _));

        using var en = new HttpRequestMessage(HttpMethod.Post, "/api/proposals") { Content = JsonContent.Create(ProposalClient.Input(bad with { Design = "", Indicators = [] })) };
        en.Headers.AcceptLanguage.ParseAdd("en-US");
        var english = JsonDocument.Parse(await (await asn.SendAsync(en)).Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("at most 200", english.GetProperty("errors").GetProperty("title")[0].GetString());
    }

    [Fact]
    public async Task Unknown_enumeration_values_are_rejected_not_guessed()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var res = await asn.PostAsJsonAsync("/api/proposals", new { title = "Uji", stage = "Selesai", urusan = "Urusan Bulan" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var body = await res.Content.ReadAsStringAsync();
        Assert.Contains("stage", body);
        Assert.Contains("urusan", body);
    }

    [Fact]
    public async Task Every_save_is_a_revision_autosaves_coalesce_and_the_diff_is_word_level()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync();
        var edited = ProposalClient.Good with
        {
            Goals = ProposalClient.Good.Goals.Replace("3 hari kerja", "2 hari kerja"),
            Indicators = [ProposalClient.Good.Indicators[0] with { Target = 2 }, new IndicatorData("Pengaduan status permohonan", "pengaduan/bulan", 40, 5, new DateOnly(DateTime.UtcNow.Year + 1, 12, 31))],
        };
        var v2 = await Put(asn, p.Id, edited, p.Version, "manual");
        var v3 = await Put(asn, p.Id, edited with { Results = edited.Results + " Draf A." }, v2.Version, "autosave");
        var v4 = await Put(asn, p.Id, edited with { Results = edited.Results + " Draf B." }, v3.Version, "autosave");
        Assert.Equal(3, v4.RevisionNumber);
        var same = await Put(asn, p.Id, edited with { Results = edited.Results + " Draf B." }, v4.Version, "manual");
        Assert.Equal(3, same.RevisionNumber);

        var revisions = await asn.GetFromJsonAsync<List<RevisionSummary>>($"/api/proposals/{p.Id}/revisions");
        Assert.Equal(["Autosave", "Manual", "Manual"], revisions!.Select(r => r.Source));
        var diff = (await asn.GetFromJsonAsync<RevisionDiff>($"/api/proposals/{p.Id}/diff?from=1&to=3", ProposalSnapshot.Json))!;
        var goals = diff.Fields.Single(f => f.Field == "goals");
        Assert.Equal("3 ", goals.Segments.Single(s => s.Op == DiffOp.Removed).Text);
        Assert.Equal("2 ", goals.Segments.Single(s => s.Op == DiffOp.Added).Text);
        Assert.Contains(diff.Fields, f => f.Field == "results" && f.Segments.Any(s => s.Op == DiffOp.Added && s.Text.Contains("Draf B.")));
        Assert.Contains(diff.Indicators, i => i.Change == "changed" && i.Changes.Single().Property == "target");
        Assert.Contains(diff.Indicators, i => i.Change == "added" && i.Name == "Pengaduan status permohonan");
        Assert.Contains(diff.Indicators, i => i.Change == "removed" && i.Name == "Berkas permohonan yang dikembalikan");

        var head = await app.ClientAsAsync("kepala.dinkes");
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/api/proposals/{p.Id}/diff?from=1&to=3")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asn.TransitionAsync(p.Id, "Submitted", v4.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/api/proposals/{p.Id}/diff?from=1&to=3")).StatusCode);
    }

    [Fact]
    public async Task A_stale_edit_is_a_409_and_changes_nothing()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync();
        await Put(asn, p.Id, ProposalClient.Good with { Goals = "Versi pertama." }, p.Version, "manual");
        var res = await asn.PutAsJsonAsync($"/api/proposals/{p.Id}", ProposalClient.Input(ProposalClient.Good with { Goals = "Versi basi." }, p.Version));
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Equal("Versi pertama.", (await asn.GetProposalAsync(p.Id)).Content.Goals);
    }

    [Fact]
    public async Task Only_the_author_edits_and_deletes_and_only_a_draft_is_deleted()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync();
        var kepala = await app.ClientAsAsync("kepala.dinkes");
        var submitted = await (await asn.TransitionAsync(p.Id, "Submitted", p.Version)).Content.ReadFromJsonAsync<ProposalDto>(ProposalSnapshot.Json);
        var edit = await kepala.PutAsJsonAsync($"/api/proposals/{p.Id}", ProposalClient.Input(ProposalClient.Good, submitted!.Version));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asn.DeleteAsync($"/api/proposals/{p.Id}?version={submitted.Version}")).StatusCode);

        var draft = await asn.CreateAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await asn.DeleteAsync($"/api/proposals/{draft.Id}?version={draft.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asn.GetAsync($"/api/proposals/{draft.Id}")).StatusCode);
    }

    private static async Task<ProposalDto> Put(HttpClient client, Guid id, ProposalSnapshot s, uint version, string source)
    {
        var res = await client.PutAsJsonAsync($"/api/proposals/{id}", ProposalClient.Input(s, version, source));
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        return (await res.Content.ReadFromJsonAsync<ProposalDto>(ProposalSnapshot.Json))!;
    }
}

public sealed class UnconfiguredAssistantTests(IdeaHubApp app) : IClassFixture<IdeaHubApp>
{
    [Fact]
    public async Task Without_a_model_the_panel_is_told_why_the_run_is_recorded_and_the_text_stays()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync();
        var caller = await app.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.UserName == "asn.dinkes");
            return (await IdeaHub.Web.Organisation.Caller.LoadAsync(db, u.Id))!;
        });
        var runner = app.Services.GetRequiredService<AssistantRunner>();
        var events = new List<AssistantEvent>();
        await foreach (var e in runner.RunAsync(caller, p.Id, AssistantTask.Critique, CancellationToken.None)) events.Add(e);
        var only = Assert.Single(events);
        Assert.Equal(("error", RunStatus.NotConfigured), (only.Type, only.Status));
        Assert.Contains("belum dikonfigurasi", only.Message);
        Assert.Equal(p.RevisionNumber, (await asn.GetProposalAsync(p.Id)).RevisionNumber);
    }

    [Fact]
    public async Task Demo_proposals_are_seeded_once_in_several_statuses()
    {
        var before = await app.WithDbAsync(db => db.Set<Proposal>().Select(p => p.Status).ToListAsync());
        var seeder = app.Services.GetServices<IDemoSeeder>().Single(s => s.Order == 100);
        await using (var scope = app.Services.CreateAsyncScope())
            await seeder.SeedAsync(scope.ServiceProvider, CancellationToken.None);
        var after = await app.WithDbAsync(db => db.Set<Proposal>().CountAsync());
        Assert.Equal(before.Count, after);
        Assert.True(before.Distinct().Count() >= 4, string.Join(",", before));
    }
}
