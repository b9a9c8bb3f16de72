using IdeaHub.Web.Data;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Reviews;

/// <summary>
/// Moves a merged duplicate's votes and comments onto the original: the Reviews feature's own tables, on behalf of the
/// Duplicates feature's merge (inside its transaction). The original keeps its own vote per voter, and the heads of the
/// original's OPD may not vote on it, so their votes are dropped.
/// </summary>
public sealed class ReviewTransfer(IdeaHubDb db)
{
    public async Task<(int Votes, int Comments)> MoveAsync(Proposal duplicate, Proposal original, CancellationToken ct = default)
    {
        var (pemkab, dup, orig) = (duplicate.PemkabId, duplicate.Id, original.Id);
        var votes = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE vote v SET proposal_id = {orig}, updated_at = now()
            WHERE v.pemkab_id = {pemkab} AND v.proposal_id = {dup} AND v.voter_opd_id <> {original.OpdId}
              AND NOT EXISTS (SELECT 1 FROM vote o WHERE o.proposal_id = {orig} AND o.voter_id = v.voter_id)
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM vote WHERE pemkab_id = {pemkab} AND proposal_id = {dup}", ct);
        var comments = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE comment SET proposal_id = {orig} WHERE pemkab_id = {pemkab} AND proposal_id = {dup}", ct);
        return (votes, comments);
    }
}
