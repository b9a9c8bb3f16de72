using System.Reflection;
using Npgsql;

namespace IdeaHub.Web.Data;

/// <summary>
/// Applies the versioned SQL files embedded as "migrations/NNNN_name.sql" (each feature keeps its own under
/// its folder's Migrations/), in name order, each in its own transaction, under an advisory lock so that
/// several app instances starting together apply each file once.
/// </summary>
public static class SqlMigrator
{
    private const long LockKey = 0x1DEA_4B_2026;

    public static IReadOnlyList<(string Version, string Sql)> Scripts { get; } = LoadScripts();

    private static List<(string, string)> LoadScripts()
    {
        var asm = typeof(SqlMigrator).Assembly;
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (Path.GetFileNameWithoutExtension(n["migrations/".Length..]), Read(asm, n)))
            .ToList();
    }

    private static string Read(Assembly asm, string name)
    {
        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    public static async Task<int> MigrateAsync(string connectionString, ILogger log, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await Exec(conn, null, "SELECT pg_advisory_lock(@k)", ct, ("k", LockKey));
        try
        {
            await Exec(conn, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", ct);
            var applied = await AppliedAsync(conn, ct);
            var count = 0;
            foreach (var (version, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await Exec(conn, tx, sql, ct);
                await Exec(conn, tx, "INSERT INTO schema_migrations(version) VALUES (@v)", ct, ("v", version));
                await tx.CommitAsync(ct);
                log.LogInformation("Applied migration {Version}", version);
                count++;
            }
            // Types created by a migration (vector, enums) must be visible to pooled connections' type caches.
            if (count > 0) await conn.ReloadTypesAsync(ct);
            return count;
        }
        finally
        {
            await Exec(conn, null, "SELECT pg_advisory_unlock(@k)", CancellationToken.None, ("k", LockKey));
        }
    }

    public static async Task<IReadOnlyList<string>> PendingAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var check = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", conn);
        var applied = (bool)(await check.ExecuteScalarAsync(ct))! ? await AppliedAsync(conn, ct) : [];
        return Scripts.Select(s => s.Version).Where(v => !applied.Contains(v)).ToList();
    }

    private static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("SELECT version FROM schema_migrations", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) set.Add(r.GetString(0));
        return set;
    }

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct, params (string, object)[] args)
    {
        // No command timeout: waiting for another instance's lock, or a long migration, is not a fault (ct still cancels).
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
