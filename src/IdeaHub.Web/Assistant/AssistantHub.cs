using System.Security.Claims;
using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace IdeaHub.Web.Assistant;

/// <summary>
/// Streams assistant runs to the browser. A run exists only as the stream of the invocation that started it, so a
/// user can only ever see runs they started; closing the stream (the panel's cancel button) cancels the model.
/// </summary>
[Authorize]
public sealed class AssistantHub(AssistantRunner runner) : Hub
{
    public const string Path = "/hubs/assistant";

    public IAsyncEnumerable<AssistantEvent> Critique(Guid proposalId, CancellationToken ct) =>
        runner.RunAsync(Caller(), proposalId, AssistantTask.Critique, ct);

    public IAsyncEnumerable<AssistantEvent> DraftFromIdea(Guid proposalId, CancellationToken ct) =>
        runner.RunAsync(Caller(), proposalId, AssistantTask.DraftFromIdea, ct);

    private AssistantCaller Caller()
    {
        var user = Context.User;
        if (!Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || !Guid.TryParse(user?.FindFirstValue(IdeaHubClaims.PemkabId), out var pemkab))
            throw new HubException("Not signed in to a Pemkab.");
        return new AssistantCaller(id, pemkab);
    }
}
