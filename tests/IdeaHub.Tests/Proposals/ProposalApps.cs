using System.Net.Http.Json;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Assistant;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Proposals;

/// <summary>The app with the scripted model in place of a real one.</summary>
public sealed class ScriptedAssistantApp : IdeaHubApp
{
    public ScriptedChatClient Chat { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("IdeaHub:AI:Assistant:TimeoutSeconds", "2");
        builder.ConfigureTestServices(s => s.AddSingleton(AssistantModel.For(Chat, "scripted")));
    }
}

public sealed class ScriptedBrowserApp : BrowserApp
{
    public ScriptedChatClient Chat { get; } = new() { ChunkDelay = TimeSpan.FromMilliseconds(40) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton(AssistantModel.For(Chat, "scripted")));
    }
}

internal static class ProposalClient
{
    public static object Input(ProposalSnapshot s, uint? version = null, string? source = null) => new
    {
        s.Title, Stage = s.Stage.ToString(), Initiator = s.Initiator.ToString(), Kind = s.Kind.ToString(), Form = s.Form.ToString(), s.Urusan,
        s.TrialDate, s.ImplementationDate, s.Problem, s.Design, s.Goals, s.Benefits, s.Results,
        Indicators = s.Indicators.Select(i => new { i.Name, i.Unit, i.Baseline, i.Target, i.TargetDate, Direction = i.Direction.ToString() }),
        version, source,
    };

    public static ProposalSnapshot Good => DemoProposals.Licensing(DateTime.UtcNow.Year + 1);

    public static async Task<ProposalDto> CreateAsync(this HttpClient client, ProposalSnapshot? s = null)
    {
        var res = await client.PostAsJsonAsync("/api/proposals", Input(s ?? Good));
        res.EnsureSuccessStatusCode();
        return (await res.Content.ReadFromJsonAsync<ProposalDto>(ProposalSnapshot.Json))!;
    }

    public static async Task<ProposalDto> GetProposalAsync(this HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<ProposalDto>($"/api/proposals/{id}", ProposalSnapshot.Json))!;

    public static Task<HttpResponseMessage> TransitionAsync(this HttpClient client, Guid id, string to, uint version, string? note = null) =>
        client.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to, version, note });
}
