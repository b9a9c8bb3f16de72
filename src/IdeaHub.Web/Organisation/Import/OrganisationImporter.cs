using IdeaHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace IdeaHub.Web.Organisation.Import;

public sealed record ImportedUser(int Row, string UserName, string FullName, string ActivationCode);

/// <summary>Either everything was imported (<see cref="Imported"/> rows), or nothing and the row errors say why.</summary>
public sealed record ImportResult(int Imported, IReadOnlyList<RowError> Errors, IReadOnlyList<ImportedUser> ActivationCodes)
{
    public const int MaxErrorsReported = 1000;
    public bool Succeeded => Errors.Count == 0;
    public static ImportResult Failed(IReadOnlyList<RowError> errors) => new(0, errors.Take(MaxErrorsReported).ToList(), []);
}

/// <summary>
/// CSV import of OPDs and users into the caller's Pemkab: the whole file is validated first and nothing is
/// written if any row is bad; good files go in with PostgreSQL binary COPY in one transaction.
/// </summary>
public sealed class OrganisationImporter(IdeaHubDb db, Caller me, ILookupNormalizer normalizer, IStringLocalizer<OrganisationText> t)
{
    public const int MaxRows = 20_000;
    public const int MaxBytes = 10 * 1024 * 1024;

    public async Task<ImportResult> ImportOpdsAsync(string csv, CancellationToken ct)
    {
        var table = Read(csv, ["code", "name"], []);
        if (table.Errors.Count > 0) return ImportResult.Failed(table.Errors);
        var existing = await db.Opds.Select(o => o.Code).ToListAsync(ct);
        var rows = new OpdRows(table, existing, t).Validate();
        if (table.Errors.Count > 0) return ImportResult.Failed(table.Errors);

        var pemkab = me.PemkabId!.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var now = DateTimeOffset.UtcNow;
        await using (var copy = await conn.BeginBinaryImportAsync("COPY opd (id, pemkab_id, code, name, is_active, created_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (code, name) in rows)
                await copy.WriteRowAsync(ct, Guid.CreateVersion7(), pemkab, code, name, true, now);
            await copy.CompleteAsync(ct);
        }
        return await FinishAsync(tx, "opd.imported", rows.Count, [], ct);
    }

    public async Task<ImportResult> ImportUsersAsync(string csv, CancellationToken ct)
    {
        var table = Read(csv, ["user_name", "full_name", "role"], ["opd_code", "nip", "email"]);
        if (table.Errors.Count > 0) return ImportResult.Failed(table.Errors);
        var names = table.Rows.Select(r => normalizer.NormalizeName(Cell(table, r.Cells, "user_name"))).ToArray();
        var taken = await db.Users.Where(u => names.Contains(u.NormalizedUserName)).Select(u => u.NormalizedUserName!).ToListAsync(ct);
        var opds = await db.Opds.Where(o => o.IsActive).ToDictionaryAsync(o => o.Code, o => o.Id, StringComparer.OrdinalIgnoreCase, ct);
        var rows = new UserRows(table, taken.ToHashSet(), opds, normalizer, t).Validate();
        if (table.Errors.Count > 0) return ImportResult.Failed(table.Errors);

        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var now = DateTimeOffset.UtcNow;
        var codes = rows.Select(r => ActivationCodes.Generate()).ToArray();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await BulkUsers.CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), me.PemkabId!.Value, rows, codes, roles, now, ct);
            return await FinishAsync(tx, "user.imported", rows.Count,
                rows.Select((r, i) => new ImportedUser(r.Row, r.UserName, r.FullName, codes[i])).ToList(), ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Someone created one of these users between validation and COPY.
            return ImportResult.Failed([new RowError(0, "user_name", t["User.NameTaken"])]);
        }
    }

    private async Task<ImportResult> FinishAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, string action, int count,
        IReadOnlyList<ImportedUser> codes, CancellationToken ct)
    {
        db.AddAudit(me.PemkabId!.Value, me.Id, action, detail: new { count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ImportResult(count, [], codes);
    }

    private CsvTable Read(string csv, string[] required, string[] optional)
    {
        var table = CsvTable.Parse(csv, t["Import.BadQuotes"]);
        foreach (var column in required.Where(c => table.Column(c) < 0))
            table.Errors.Add(new RowError(1, column, t["Import.MissingColumn", column]));
        foreach (var column in table.Header.Where(h => !required.Concat(optional).Contains(h, StringComparer.OrdinalIgnoreCase)))
            table.Errors.Add(new RowError(1, column, t["Import.UnknownColumn", column]));
        if (table.Rows.Count == 0 && table.Errors.Count == 0) table.Errors.Add(new RowError(1, "", t["Import.Empty"]));
        if (table.Rows.Count > MaxRows) table.Errors.Add(new RowError(MaxRows + 2, "", t["Import.TooManyRows", MaxRows]));
        return table;
    }

    internal static string Cell(CsvTable table, string[] cells, string column)
    {
        var i = table.Column(column);
        return i >= 0 && i < cells.Length ? cells[i].Trim() : "";
    }
}
