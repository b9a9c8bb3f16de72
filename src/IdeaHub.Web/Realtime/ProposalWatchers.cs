using System.Collections.Concurrent;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Web.Realtime;

/// <summary>
/// Which open connections watch which proposal page, and as whom. A SignalR group cannot ask the rule per member, and a
/// watcher's right to see a proposal can end while the page stays open (it went back to revision): each live event
/// goes only to the watchers <see cref="ProposalAccess"/> still lets see the proposal.
/// </summary>
public sealed class ProposalWatchers
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, Caller>> _byProposal = new();

    public void Watch(Guid proposalId, string connectionId, Caller caller) =>
        _byProposal.GetOrAdd(proposalId, _ => new())[connectionId] = caller;

    public void Unwatch(Guid proposalId, string connectionId)
    {
        if (_byProposal.TryGetValue(proposalId, out var watching)) watching.TryRemove(connectionId, out _);
    }

    /// <summary>The connections watching <paramref name="p"/> whose caller may see it as it is now.</summary>
    public IReadOnlyList<string> AllowedFor(Proposal p) =>
        _byProposal.TryGetValue(p.Id, out var watching)
            ? watching.Where(w => ProposalAccess.CanSee(p, w.Value)).Select(w => w.Key).ToList()
            : [];
}
