using System.Net.Http.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Assistant;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Proposals;

/// <summary>The app with the real in-process llama.cpp runtime on ../shared/models/stories260K.gguf.</summary>
public sealed class StoriesAssistantApp : IdeaHubApp
{
    public static string ModelPath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IdeaHub.sln"))) dir = dir.Parent;
            return Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared", "models", "stories260K.gguf"));
        }
    }

    public StoriesAssistantApp()
    {
        With("IdeaHub:AI:Chat:Provider", "LlamaCpp");
        With("IdeaHub:AI:Chat:ModelPath", ModelPath);
        With("IdeaHub:AI:Chat:ContextLength", "12288");
        With("IdeaHub:AI:Chat:MaxParallelSequences", "1");
        With("IdeaHub:AI:Chat:Threads", "2");
        With("IdeaHub:AI:Assistant:TimeoutSeconds", "600");
    }
}

/// <summary>
/// One assistant run on the real runtime. The model writes children's stories, so its words mean nothing here; what is
/// checked is the pipeline: schema-constrained output that parses, a recorded run, and a draft untouched until accepted.
/// </summary>
public sealed class RealModelAssistantTests(StoriesAssistantApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<StoriesAssistantApp>
{
    [Fact]
    public async Task A_critique_on_llama_cpp_parses_is_recorded_and_applies_nothing_until_accepted()
    {
        Assert.True(File.Exists(StoriesAssistantApp.ModelPath), $"missing {StoriesAssistantApp.ModelPath}");
        var asn = await app.ClientAsAsync("asn.dukcapil");
        var content = DemoProposals.All(DateTime.UtcNow.Year + 1).Single(d => d.Opd == "dukcapil").Content;
        var p = await asn.CreateAsync(content);
        var caller = await app.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.UserName == "asn.dukcapil");
            return (await IdeaHub.Web.Organisation.Caller.LoadAsync(db, u.Id))!;
        });
        var model = app.Services.GetRequiredService<AssistantModel>();
        Assert.True(model.IsReady, model.UnavailableReason);

        var events = new List<AssistantEvent>();
        await foreach (var e in app.Services.GetRequiredService<AssistantRunner>().RunAsync(caller, p.Id, AssistantTask.Critique, CancellationToken.None))
            events.Add(e);

        var final = events[^1];
        Assert.True(final.Type == "done", $"{final.Status}: {final.Message}");
        Assert.True(events.Count(e => e.Type == "token") > 1, "tokens streamed");
        var run = await app.WithDbAsync(db => db.Set<AssistantRun>().SingleAsync(r => r.Id == final.RunId));
        output.WriteLine($"model={run.ModelId} tokens in={run.TokensIn} out={run.TokensOut} duration={run.DurationMs} ms suggestions={final.Suggestions?.Count}");
        Assert.Equal((RunStatus.Succeeded, "critique_proposal"), (run.Status, run.PromptName));
        Assert.Contains("stories260K", run.ModelId);
        Assert.True(run.TokensIn > 100 && run.TokensOut > 10 && run.DurationMs > 0, $"in={run.TokensIn} out={run.TokensOut} ms={run.DurationMs}");
        Assert.True(AssistantOutput.ParseCritique(run.Output!, new PromptLibrary().Get("critique_proposal").OutputSchema).Ok);

        var unchanged = await asn.GetProposalAsync(p.Id);
        Assert.Equal(p.RevisionNumber, unchanged.RevisionNumber);
        Assert.True(content.SameAs(unchanged.Content));

        if (final.Suggestions!.FirstOrDefault() is { } first)
        {
            var res = await asn.PostAsJsonAsync($"/api/assistant/suggestions/{first.Id}/accept", new { version = unchanged.Version });
            Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
            Assert.Equal(p.RevisionNumber + 1, (await asn.GetProposalAsync(p.Id)).RevisionNumber);
        }
    }
}
