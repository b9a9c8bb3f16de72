using Npgsql;

namespace IdeaHub.Web.Duplicates;

/// <summary>How many of the deployment's proposals contain each term, as of <see cref="RefreshedAt"/>.</summary>
public sealed class TermSnapshot(int documents, IReadOnlyDictionary<string, int> df, DateTimeOffset refreshedAt)
{
    public static readonly TermSnapshot Empty = new(0, new Dictionary<string, int>(), DateTimeOffset.MinValue);
    public int Documents => documents;
    public DateTimeOffset RefreshedAt => refreshedAt;

    /// <summary>
    /// Inverse document frequency. A term found in no other proposal than the one asking (df ≤ 1 counting the query)
    /// weighs nothing: it cannot match and would only dilute the norm (brand names and unknown acronyms in titles,
    /// typos); measured on the real set, weighting it 0 beat 0.3 and 1.
    /// </summary>
    public double Idf(string term, bool queryIsStored)
    {
        var n = documents + (queryIsStored ? 0 : 1);
        var f = df.GetValueOrDefault(term) + (queryIsStored ? 0 : 1);
        return f <= 1 ? 0 : Math.Log((n + 1.0) / (f + 0.5));
    }
}

/// <summary>
/// Document frequencies of lexical-v2 terms over the deployment's own proposals (term_document_frequency), recomputed
/// when the number of proposals with terms has changed by 5% (or by any amount below 2,000), and cached in memory.
/// </summary>
public sealed class TermStatistics(DuplicatesData data)
{
    private TermSnapshot _snapshot = TermSnapshot.Empty;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<TermSnapshot> CurrentAsync(CancellationToken ct = default)
    {
        if (DateTimeOffset.UtcNow - _checkedAt < TimeSpan.FromSeconds(10)) return _snapshot;
        await _gate.WaitAsync(ct);
        try
        {
            if (DateTimeOffset.UtcNow - _checkedAt < TimeSpan.FromSeconds(10)) return _snapshot;
            await using var cmd = data.Source.CreateCommand("SELECT documents, refreshed_at FROM term_statistics");
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                if (!await r.ReadAsync(ct) || r.GetFieldValue<DateTimeOffset>(1) == _snapshot.RefreshedAt)
                {
                    _checkedAt = DateTimeOffset.UtcNow;
                    return _snapshot;
                }
            _snapshot = await LoadAsync(ct);
            _checkedAt = DateTimeOffset.UtcNow;
            return _snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached snapshot so the next search reloads it (after a refresh in this process).</summary>
    public void Invalidate() => _checkedAt = DateTimeOffset.MinValue;

    private async Task<TermSnapshot> LoadAsync(CancellationToken ct)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var cmd = data.Source.CreateCommand(
            "SELECT s.documents, s.refreshed_at, f.term, f.df FROM term_statistics s LEFT JOIN term_document_frequency f ON true");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var (documents, at) = (0, DateTimeOffset.MinValue);
        while (await r.ReadAsync(ct))
        {
            (documents, at) = (r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1));
            if (!r.IsDBNull(2)) df[r.GetString(2)] = r.GetInt32(3);
        }
        return new TermSnapshot(documents, df, at);
    }

    /// <summary>Recomputes the frequencies if the corpus has grown or shrunk enough; returns whether it did.</summary>
    public async Task<bool> RefreshIfStaleAsync(CancellationToken ct = default)
    {
        await using var conn = await data.Source.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // One refresher at a time across app instances; the others skip the check until it commits.
        await using var check = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(hashtext('term_statistics'));
            SELECT (SELECT count(*) FROM proposal_terms), (SELECT documents FROM term_statistics);
            """, conn, tx);
        long now;
        int? before;
        await using (var r = await check.ExecuteReaderAsync(ct))
        {
            await r.NextResultAsync(ct);
            await r.ReadAsync(ct);
            (now, before) = (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt32(1));
        }
        if (before is { } b && (b == now || (now >= 2000 && Math.Abs(now - b) < 0.05 * b))) return false;
        await using var refresh = new NpgsqlCommand("""
            DELETE FROM term_document_frequency;
            INSERT INTO term_document_frequency (term, df)
              SELECT t, count(*) FROM proposal_terms, unnest(terms) t GROUP BY t;
            INSERT INTO term_statistics (id, documents, refreshed_at) VALUES (true, @n, now())
              ON CONFLICT (id) DO UPDATE SET documents = EXCLUDED.documents, refreshed_at = EXCLUDED.refreshed_at;
            """, conn, tx);
        refresh.Parameters.AddWithValue("n", (int)now);
        await refresh.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        Invalidate();
        return true;
    }
}
