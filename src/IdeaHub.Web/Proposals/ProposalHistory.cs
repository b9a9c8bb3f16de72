using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Proposals;

public static class ProposalHistory
{
    public static async Task<RevisionDiff?> DiffAsync(IdeaHubDb db, Guid proposalId, int from, int to, CancellationToken ct)
    {
        var revs = await db.Set<ProposalRevision>().Where(r => r.ProposalId == proposalId && (r.Number == from || r.Number == to))
            .ToDictionaryAsync(r => r.Number, ct);
        if (!revs.TryGetValue(from, out var a) || !revs.TryGetValue(to, out var b)) return null;
        return ProposalDiff.Compare(from, ProposalSnapshot.Parse(a.Snapshot), to, ProposalSnapshot.Parse(b.Snapshot));
    }
}
