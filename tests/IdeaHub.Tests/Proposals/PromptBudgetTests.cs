using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using IdeaHub.LlamaCpp;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Assistant;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Tests.Proposals;

/// <summary>The real runtime on stories260K with no context setting: the context is the model's trained 2,048 tokens.</summary>
public sealed class StoriesDefaultContextApp : IdeaHubApp
{
    public StoriesDefaultContextApp()
    {
        With("IdeaHub:AI:Chat:Provider", "LlamaCpp");
        With("IdeaHub:AI:Chat:ModelPath", StoriesAssistantApp.ModelPath);
        With("IdeaHub:AI:Chat:MaxParallelSequences", "1");
        With("IdeaHub:AI:Chat:Threads", "2");
        With("IdeaHub:AI:Assistant:TimeoutSeconds", "600");
    }
}

/// <summary>
/// Context length and prompt budget on the real runtime: an idea or proposal that cannot fit is a distinct error that
/// says what to shorten (never "try again later"), and a long proposal loses its least important parts visibly.
/// </summary>
[Trait("Category", "RealModel")]
public sealed class PromptBudgetTests(StoriesDefaultContextApp app) : IClassFixture<StoriesDefaultContextApp>
{
    private const string Sentence = "Warga desa menunggu berjam-jam di kantor kecamatan untuk mengurus surat keterangan usaha dan izin keramaian. ";

    private async Task<List<AssistantEvent>> RunAsync(Guid proposalId, AssistantTask task)
    {
        var caller = await app.WithDbAsync(async db =>
            (await IdeaHub.Web.Organisation.Caller.LoadAsync(db, (await db.Users.SingleAsync(x => x.UserName == "asn.dinkes")).Id))!);
        var events = new List<AssistantEvent>();
        await foreach (var e in app.Services.GetRequiredService<AssistantRunner>().RunAsync(caller, proposalId, task, CancellationToken.None)) events.Add(e);
        return events;
    }

    private async Task<ProposalDto> IdeaAsync(HttpClient asn, string idea)
    {
        var res = await asn.PostAsJsonAsync("/api/proposals/from-idea", new { idea });
        res.EnsureSuccessStatusCode();
        return (await res.Content.ReadFromJsonAsync<ProposalDto>(ProposalSnapshot.Json))!;
    }

    [Fact]
    public async Task The_context_follows_the_model_and_a_too_long_idea_is_refused_with_the_length_that_fits()
    {
        var local = app.Services.GetRequiredService<AssistantModel>().Client!.GetService<LlamaChatClient>()!;
        Assert.Equal(2048, local.ContextLength);
        var asn = await app.ClientAsAsync("asn.dinkes");
        var idea = string.Concat(Enumerable.Repeat(Sentence, 18))[..1900];
        var p = await IdeaAsync(asn, idea);

        var error = (await RunAsync(p.Id, AssistantTask.DraftFromIdea))[^1];
        Assert.Equal(("error", RunStatus.TooLong), (error.Type, error.Status));
        Assert.DoesNotContain("coba lagi nanti", error.Message);
        var fits = int.Parse(Regex.Match(error.Message!, @"sekitar (\d+) karakter").Groups[1].Value);
        Assert.InRange(fits, 20, 1899);
        Assert.Equal(RunStatus.TooLong, (await app.WithDbAsync(db => db.Set<AssistantRun>().SingleAsync(r => r.Id == error.RunId))).Status);
        Assert.Equal(idea.Trim(), (await asn.GetProposalAsync(p.Id)).Content.Problem);

        var shorter = await IdeaAsync(asn, idea[..fits].Trim());
        var events = await RunAsync(shorter.Id, AssistantTask.DraftFromIdea);
        var runId = events[^1].RunId;
        var last = await app.WithDbAsync(db => db.Set<AssistantRun>().SingleAsync(r => r.Id == runId));
        Assert.True(last.Status is RunStatus.Succeeded or RunStatus.InvalidOutput, $"{last.Status}: {last.Error}");
        Assert.Contains(events, e => e.Type == "token");
    }

    [Fact]
    public async Task A_critique_whose_instructions_alone_fill_the_context_is_a_distinct_error_for_the_administrator()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync();
        var error = (await RunAsync(p.Id, AssistantTask.Critique))[^1];
        Assert.Equal(("error", RunStatus.TooLong), (error.Type, error.Status));
        Assert.Contains("ContextLength", error.Message);
    }

    [Fact]
    public async Task A_long_proposal_loses_findings_then_the_end_of_its_longest_field_and_says_so()
    {
        using var model = LlamaModel.Load(StoriesAssistantApp.ModelPath);
        using var scheduler = new LlamaScheduler(model, new LlamaSchedulerOptions { ContextLength = 8192, MaxParallelSequences = 1, Threads = 2 });
        using var client = new LlamaChatClient(scheduler);
        var t = app.Services.GetRequiredService<IStringLocalizer<AssistantText>>();
        var prompt = new PromptLibrary().Get("critique_proposal");
        var kernel = PromptKernel.For(client);
        var design = new StringBuilder();
        while (ProposalChecks.WordCount(design.ToString()) < 2500) design.Append(Sentence);
        var longOne = ProposalClient.Good with { Design = design.ToString() };
        var values = new Dictionary<string, string> { ["proposal"] = ProposalText.ForPrompt(longOne), ["findings"] = "- Rancang bangun memakai kata kabur." };

        var fitted = await PromptBudget.FitAsync(client, kernel, prompt, AssistantTask.Critique, longOne, values, t);

        Assert.Equal(2, fitted.Trimmed.Count);
        Assert.Contains("Temuan pemeriksaan", fitted.Trimmed[0]);
        Assert.StartsWith("Rancang bangun terlalu panjang", fitted.Trimmed[1]);
        Assert.True(fitted.PromptTokens <= 8192 - 1024, $"prompt {fitted.PromptTokens}");
        Assert.True(fitted.MaxOutputTokens >= 1024 && fitted.PromptTokens + fitted.MaxOutputTokens <= 8192);
        Assert.Equal(fitted.PromptTokens, client.CountTokens(fitted.Messages));

        var shortOne = ProposalClient.Good;
        var untouched = await PromptBudget.FitAsync(client, kernel, prompt, AssistantTask.Critique, shortOne,
            new() { ["proposal"] = ProposalText.ForPrompt(shortOne), ["findings"] = "-" }, t);
        Assert.Empty(untouched.Trimmed);
    }
}
