using System.Data.Common;
using System.Text.Json;
using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IdeaHub.Web.Realtime;

/// <summary>
/// Stores each event as one notification per interested user, then pushes it: stored first, so a client that was
/// offline gets it on reconnect; pushed under a per-proposal lock, so pushes for one proposal leave in id order.
/// Interested: the author, followers, whoever reviewed or commented, and the Kepala OPD of the proposal's OPD once it
/// is submitted; never the actor. Reviewers of the Pemkab, leadership and viewers of the proposal page get it live.
/// </summary>
internal sealed class ProposalEventPublisher(IdeaHubDb db, IFeedbackPush push, ProposalEventOrdering ordering,
    ILogger<ProposalEventPublisher> log) : IProposalEvents
{
    private const string InsertSql = """
        WITH p AS (SELECT author_id, opd_id, status FROM proposal WHERE id = @proposal AND pemkab_id = @pemkab),
        recipients AS (
            SELECT author_id AS user_id FROM p
            UNION SELECT user_id FROM proposal_follow WHERE proposal_id = @proposal AND pemkab_id = @pemkab
            UNION SELECT reviewer_id FROM review WHERE proposal_id = @proposal AND pemkab_id = @pemkab
            UNION SELECT author_id FROM comment WHERE proposal_id = @proposal AND pemkab_id = @pemkab
            UNION SELECT u.id FROM users u
                JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id AND r.name = 'KepalaOpd'
                JOIN p ON p.opd_id = u.opd_id AND p.status <> 'Draft'
                WHERE u.is_active AND u.pemkab_id = @pemkab)
        INSERT INTO notification (pemkab_id, user_id, proposal_id, event_id, kind, actor_id, payload, created_at)
        SELECT @pemkab, r.user_id, @proposal, @event, @kind, @actor, @payload::jsonb, @at
        FROM recipients r JOIN users u ON u.id = r.user_id AND u.pemkab_id = @pemkab
        WHERE r.user_id IS DISTINCT FROM @actor
        ORDER BY r.user_id
        RETURNING id, user_id, (SELECT status FROM p)
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
        var (stored, status) = await StoreAsync(e, live, ct);
        List<string> groups = [FeedbackGroups.Proposal(e.ProposalId), FeedbackGroups.Leadership(e.PemkabId)];
        if (status is not null and not "Draft") groups.Add(FeedbackGroups.Reviewers(e.PemkabId));
        // All sends start at once (each recipient gets one message, so per-connection order is unaffected) and the
        // proposal's lock is held until every one has been handed to its connection, so the next event of this
        // proposal cannot overtake this one.
        var sends = new Task[stored.Count + 1];
        for (var i = 0; i < stored.Count; i++)
        {
            var (id, userId) = stored[i];
            sends[i] = Safely(() => push.ToUserAsync(userId, live with { Id = id }));
        }
        sends[^1] = Safely(() => push.ToGroupsAsync(groups, live));
        await Task.WhenAll(sends);
    }

    private async Task<(List<(long, Guid)>, string?)> StoreAsync(ProposalEvent e, FeedbackEvent live, CancellationToken ct)
    {
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
        var stored = new List<(long, Guid)>();
        string? status = null;
        // The reader must be closed before the status query below: one connection runs one command at a time.
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                stored.Add((reader.GetInt64(0), reader.GetGuid(1)));
                status = reader.IsDBNull(2) ? null : reader.GetString(2);
            }
        }
        if (stored.Count == 0)
            status = (await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM proposal WHERE id = {e.ProposalId}").ToListAsync(ct)).FirstOrDefault();
        return (stored, status);
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
