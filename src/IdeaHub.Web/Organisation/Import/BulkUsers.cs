using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;

namespace IdeaHub.Web.Organisation.Import;

/// <summary>
/// Writes validated users with binary COPY: the Identity row without a password (so nobody can sign in with
/// one until the user activates), the role link, and the SHA-256 of each one-time activation code.
/// </summary>
internal static class BulkUsers
{
    public static async Task CopyAsync(NpgsqlConnection conn, Guid pemkabId, IReadOnlyList<UserImportRow> rows, string[] codes,
        Dictionary<string, Guid> roleIds, DateTimeOffset now, CancellationToken ct)
    {
        var ids = rows.Select(_ => Guid.CreateVersion7()).ToArray();
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY users (id, pemkab_id, opd_id, full_name, nip, is_active, created_at, user_name, normalized_user_name, email, normalized_email, " +
            "email_confirmed, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) " +
            "FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(pemkabId, NpgsqlDbType.Uuid, ct);
                await WriteNullable(copy, r.OpdId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(r.FullName, NpgsqlDbType.Text, ct);
                await WriteNullable(copy, r.Nip, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(r.UserName, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.NormalizedUserName, NpgsqlDbType.Varchar, ct);
                await WriteNullable(copy, r.Email, NpgsqlDbType.Varchar, ct);
                await WriteNullable(copy, r.NormalizedEmail, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(Convert.ToHexString(RandomNumberGenerator.GetBytes(20)), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY user_roles (user_id, role_id) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < rows.Count; i++)
                await copy.WriteRowAsync(ct, ids[i], roleIds[rows[i].Role]);
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY user_tokens (user_id, login_provider, name, value) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < rows.Count; i++)
                await copy.WriteRowAsync(ct, ids[i], ActivationCodes.Provider, ActivationCodes.Name, ActivationCodes.StoredValue(codes[i], now));
            await copy.CompleteAsync(ct);
        }
    }

    private static Task WriteNullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    private static Task WriteNullable(NpgsqlBinaryImporter copy, Guid? value, NpgsqlDbType type, CancellationToken ct) =>
        value is Guid g ? copy.WriteAsync(g, type, ct) : copy.WriteNullAsync(ct);
}
