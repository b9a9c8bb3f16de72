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
        runner.RunAsync(Me(), proposalId, AssistantTask.Critique, ct);

    public IAsyncEnumerable<AssistantEvent> DraftFromIdea(Guid proposalId, CancellationToken ct) =>
        runner.RunAsync(Me(), proposalId, AssistantTask.DraftFromIdea, ct);

    /// <summary>The connection's authenticated user, never anything the client says.</summary>
    private Caller Me() =>
        Caller.From(Context.User) is { IsAuthenticated: true, PemkabId: not null } c ? c
            : throw new HubException("Not signed in to a Pemkab.");
}
