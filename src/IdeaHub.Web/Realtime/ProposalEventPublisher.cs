using System.Data.Common;
using System.Text.Json;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IdeaHub.Web.Realtime;

/// <summary>
/// Stores each event as one notification per interested user, then pushes it: stored first, so a client that was
/// offline gets it on reconnect; pushed under a per-proposal lock, so pushes for one proposal leave in id order.
/// Interested: the author, followers, whoever reviewed or commented, and the Kepala OPD of the proposal's OPD once it
/// is submitted; never the actor. Reviewers of the Pemkab, leadership and viewers of the proposal page get it live.
/// Every recipient, group and watching connection is checked against <see cref="ProposalAccess"/> for the proposal as
/// it is after the change (a follower who may no longer open it hears nothing).
/// </summary>
internal sealed class ProposalEventPublisher(IdeaHubDb db, ProposalReader proposals, IFeedbackPush push, ProposalWatchers watchers,
    ProposalEventOrdering ordering, ILogger<ProposalEventPublisher> log) : IProposalEvents
{
    private const string RecipientsSql = """
        WITH p AS (SELECT author_id, opd_id, status FROM proposal WHERE id = @proposal AND pemkab_id = @pemkab)
        SELECT user_id AS "Value" FROM (
        SELECT author_id AS user_id FROM p
        UNION SELECT user_id FROM proposal_coauthor WHERE proposal_id = @proposal
        UNION SELECT user_id FROM proposal_follow WHERE proposal_id = @proposal AND pemkab_id = @pemkab
        UNION SELECT reviewer_id FROM review WHERE proposal_id = @proposal AND pemkab_id = @pemkab
        UNION SELECT author_id FROM comment WHERE proposal_id = @proposal AND pemkab_id = @pemkab
        UNION SELECT u.id FROM users u
            JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id AND r.name = 'KepalaOpd'
            JOIN p ON p.opd_id = u.opd_id AND p.status <> 'Draft'
            WHERE u.is_active AND u.pemkab_id = @pemkab) r
        """;

    private const string InsertSql = """
        INSERT INTO notification (pemkab_id, user_id, proposal_id, event_id, kind, actor_id, payload, created_at)
        SELECT @pemkab, u, @proposal, @event, @kind, @actor, @payload::jsonb, @at FROM unnest(@users) AS u ORDER BY u
        RETURNING id, user_id
        """;

    /// <summary>
    /// Runs after the caller's change committed, so it never fails the request: a failure here is logged and the
    /// event is lost to live clients only (the change itself stands).
    /// </summary>
    public async Task PublishAsync(ProposalEvent e, CancellationToken ct = default)
    {
        try { await PublishCoreAsync(e, ct); }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError(ex, "Publishing {Kind} of proposal {Proposal} failed after its change was committed", e.Kind, e.ProposalId);
        }
    }

    private async Task PublishCoreAsync(ProposalEvent e, CancellationToken ct)
    {
        var at = DateTimeOffset.UtcNow;
        var payload = JsonSerializer.SerializeToElement(e.Payload, JsonSerializerOptions.Web);
        var live = new FeedbackEvent(null, Guid.CreateVersion7(), e.ProposalId, e.Kind, e.ActorId, payload, at, null);
        using var _ = await ordering.EnterAsync(e.ProposalId, ct);
        if (await proposals.LoadForEventAsync(e.PemkabId, e.ProposalId, ct) is not { } p) return;
        var stored = await StoreAsync(e, p, live, ct);
        List<string> groups = [];
        if (ProposalAccess.CanSee(p.Status, ProposalRelation.Reviewer)) groups.Add(FeedbackGroups.Reviewers(e.PemkabId));
        if (ProposalAccess.CanSee(p.Status, ProposalRelation.Leadership)) groups.Add(FeedbackGroups.Leadership(e.PemkabId));
        var watching = watchers.AllowedFor(p);
        // All sends start at once (each recipient gets one message, so per-connection order is unaffected) and the
        // proposal's lock is held until every one has been handed to its connection, so the next event of this
        // proposal cannot overtake this one.
        var sends = new Task[stored.Count + 2];
        for (var i = 0; i < stored.Count; i++)
        {
            var (id, userId) = stored[i];
            sends[i] = Safely(() => push.ToUserAsync(userId, live with { Id = id }));
        }
        sends[^2] = Safely(() => push.ToGroupsAsync(groups, live));
        sends[^1] = Safely(() => push.ToConnectionsAsync(watching, live));
        await Task.WhenAll(sends);
    }

    /// <summary>One notification for each interested user who may see the proposal now.</summary>
    private async Task<List<(long, Guid)>> StoreAsync(ProposalEvent e, Proposal p, FeedbackEvent live, CancellationToken ct)
    {
        var candidates = (await db.Database.SqlQueryRaw<Guid>(RecipientsSql,
                new NpgsqlParameter("pemkab", e.PemkabId), new NpgsqlParameter("proposal", e.ProposalId)).ToListAsync(ct))
            .Where(u => u != e.ActorId).ToList();
        var recipients = (await Caller.LoadManyAsync(db, candidates, ct))
            .Where(c => ProposalAccess.CanSee(p, c)).Select(c => c.Id).Order().ToArray();
        var stored = new List<(long, Guid)>();
        if (recipients.Length == 0) return stored;
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = InsertSql;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        Add(cmd, "pemkab", e.PemkabId);
        Add(cmd, "proposal", e.ProposalId);
        Add(cmd, "event", live.EventId);
        Add(cmd, "kind", e.Kind);
        Add(cmd, "actor", (object?)e.ActorId ?? DBNull.Value);
        Add(cmd, "payload", live.Payload.GetRawText());
        Add(cmd, "at", live.At);
        Add(cmd, "users", recipients);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) stored.Add((reader.GetInt64(0), reader.GetGuid(1)));
        return stored;
    }

    private static void Add(DbCommand cmd, string name, object value) =>
        cmd.Parameters.Add(new NpgsqlParameter(name, value));

    /// <summary>The event is stored; a failed push only delays it until the client's next catch-up.</summary>
    private async Task Safely(Func<Task> send)
    {
        try { await send(); }
        catch (Exception ex) { log.LogWarning(ex, "Push failed; the client will catch up from the stored notification"); }
    }
}

/// <summary>Striped locks so that events of one proposal are stored and pushed one at a time, in id order.</summary>
public sealed class ProposalEventOrdering
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(Guid proposalId, CancellationToken ct)
    {
        var stripe = _stripes[(proposalId.GetHashCode() & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(ct);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim s) : IDisposable
    {
        public void Dispose() => s.Release();
    }
}
