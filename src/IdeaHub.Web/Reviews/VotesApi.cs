using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Rankings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace IdeaHub.Web.Reviews;

/// <summary>
/// Kepala OPD votes: PUT is idempotent and the (proposal, voter) unique index plus INSERT … ON CONFLICT make double
/// clicks, retries and races end in one row. A vote counts in the month it was first cast and changes until that month closes.
/// </summary>
public static class VotesApi
{
    public sealed record VoteRequest(bool? Support);
    public sealed record VoteTotals(int Support, int NotSupport, bool? Mine);

    public static void Map(RouteGroupBuilder api)
    {
        var votes = api.MapGroup("/proposals/{id:guid}").WithTags("Votes");
        votes.MapGet("/votes", Totals);
        votes.MapPut("/vote", Cast).RequireAuthorization(Policies.KepalaOpd)
            .WithSummary("Set the caller's vote (support or not); repeating the same request changes nothing.");
    }

    private static async Task<Results<Ok<VoteTotals>, NotFound>> Totals(Guid id, Caller me, ProposalReader proposals, IdeaHubDb db)
    {
        if (await proposals.FindVisibleAsync(id, me) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await TotalsAsync(db, id, me.Id));
    }

    internal static async Task<VoteTotals> TotalsAsync(IdeaHubDb db, Guid proposalId, Guid? me)
    {
        var votes = await db.Set<Vote>().AsNoTracking().Where(v => v.ProposalId == proposalId).Select(v => new { v.VoterId, v.Support }).ToListAsync();
        return new VoteTotals(votes.Count(v => v.Support), votes.Count(v => !v.Support), votes.FirstOrDefault(v => v.VoterId == me)?.Support);
    }

    private static async Task<Results<Ok<VoteTotals>, NotFound, ValidationProblem, ProblemHttpResult>> Cast(
        Guid id, VoteRequest request, Caller me, ProposalReader proposals, IdeaHubDb db, MonthStatus months, IProposalEvents events,
        IStringLocalizer<ReviewsText> l)
    {
        var proposal = await proposals.FindVisibleAsync(id, me);
        if (proposal is null) return TypedResults.NotFound();
        if (!ProposalAccess.CanVote(proposal, me))
            return TypedResults.Problem(l[me.OpdId == proposal.OpdId ? "Vote.OwnOpd" : "Vote.Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        if (request.Support is not bool support)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["support"] = [l["Vote.SupportRequired"]] }, title: l["Validation.Title"]);
        if (!ProposalAccess.IsOpenForVotes(proposal.Status))
            return TypedResults.Problem(l["Vote.NotOpen"], statusCode: StatusCodes.Status409Conflict);

        var existing = await db.Set<Vote>().AsNoTracking().Where(v => v.ProposalId == id && v.VoterId == me.Id).Select(v => v.Month).SingleOrDefaultAsync();
        var month = existing ?? (await months.CurrentAsync(proposal.PemkabId, TimeProvider.System)).ToString();
        if (await months.IsClosedAsync(proposal.PemkabId, month))
            return TypedResults.Problem(l["Vote.MonthClosed", month], statusCode: StatusCodes.Status409Conflict);

        var now = DateTimeOffset.UtcNow;
        try { return await UpsertAsync(db, proposal, me, support, month, now, events); }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            // The month closed between our check and the write: the database's trigger refused the vote.
            return TypedResults.Problem(l["Vote.MonthClosed", month], statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<Ok<VoteTotals>> UpsertAsync(IdeaHubDb db, Proposal proposal, Caller me, bool support, string month,
        DateTimeOffset now, IProposalEvents events)
    {
        var id = proposal.Id;
        await using var tx = await db.Database.BeginTransactionAsync();
        // Only a new row or a real change returns a row: a retry of the same vote is a no-op, audited once.
        var changed = await db.Database.SqlQuery<bool>($"""
            INSERT INTO vote (id, pemkab_id, proposal_id, voter_id, voter_opd_id, support, month, created_at, updated_at)
            VALUES ({Guid.CreateVersion7()}, {proposal.PemkabId}, {id}, {me.Id}, {me.OpdId!.Value}, {support}, {month}, {now}, {now})
            ON CONFLICT (proposal_id, voter_id) DO UPDATE SET support = excluded.support, updated_at = excluded.updated_at
            WHERE vote.support IS DISTINCT FROM excluded.support
            RETURNING (xmax = 0) AS "Value"
            """).ToListAsync();
        if (changed.Count == 1)
        {
            db.AddAudit(proposal.PemkabId, me.Id, changed[0] ? "vote.cast" : "vote.changed", id, new { support, month });
            await db.SaveChangesAsync();
        }
        await tx.CommitAsync();
        var totals = await TotalsAsync(db, id, me.Id);
        if (changed.Count == 1)
            await events.PublishAsync(new ProposalEvent(proposal.PemkabId, id, ProposalEventKinds.VoteTotalsChanged, me.Id,
                new { support = totals.Support, notSupport = totals.NotSupport }));
        return TypedResults.Ok(totals);
    }
}
