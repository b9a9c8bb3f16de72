using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Duplicates;

/// <summary>
/// A similarity answer as one reader may see it, by <see cref="ProposalAccess"/>. A match of the own Pemkab the reader
/// may not open keeps only its OPD and status (no title, stage or shared words), marked <c>Restricted</c>: every list
/// shows it as "a proposal in OPD X looks similar; contact its Kepala OPD". Another Pemkab's match is shown only if it
/// is public prior art (<see cref="ProposalAccess.PriorArtStatuses"/>).
/// </summary>
public sealed class SimilarReader(ProposalReader proposals)
{
    public async Task<SimilarResult> ForAsync(SimilarResult result, Caller me, CancellationToken ct = default)
    {
        var ids = result.SamePemkab.Select(m => m.ProposalId).ToList();
        var visible = (await proposals.Visible(me).Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return result with
        {
            SamePemkab = [.. result.SamePemkab.Select(m => visible.Contains(m.ProposalId) ? m : Restricted(m))],
            PriorArt = [.. result.PriorArt.Where(m => Enum.TryParse<ProposalStatus>(m.Status, out var s) && ProposalAccess.PriorArtStatuses.Contains(s))],
        };
    }

    private static SimilarMatch Restricted(SimilarMatch m) =>
        m with { Title = "", Stage = "", SharedTerms = [], Restricted = true };
}
