using System.Text.RegularExpressions;
using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace IdeaHub.Web.Organisation;

public sealed record OpdInput(string? Code, string? Name);

/// <summary>An administrator's changes to the OPDs of their own Pemkab (the tenant filter hides all others).</summary>
public sealed partial class OpdAdmin(IdeaHubDb db, Caller me, IStringLocalizer<OrganisationText> t)
{
    public const int CodeMax = 32;
    public const int NameMax = 200;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,31}$")]
    public static partial Regex CodePattern();

    public Task<List<Opd>> ListAsync(CancellationToken ct) =>
        db.Opds.OrderByDescending(o => o.IsActive).ThenBy(o => o.Name).ToListAsync(ct);

    public Task<Opd?> FindAsync(Guid id, CancellationToken ct) => db.Opds.SingleOrDefaultAsync(o => o.Id == id, ct);

    public async Task<AdminResult<Opd>> CreateAsync(OpdInput input, CancellationToken ct)
    {
        var errors = Validate(input);
        if (errors.Count > 0) return AdminResult<Opd>.Invalid(errors);
        var opd = new Opd { PemkabId = me.PemkabId!.Value, Code = input.Code!.Trim(), Name = input.Name!.Trim() };
        db.Opds.Add(opd);
        db.AddAudit(opd.PemkabId, me.Id, "opd.created", detail: new { opd.Id, opd.Code });
        return await SaveAsync(opd, ct);
    }

    public async Task<AdminResult<Opd>> UpdateAsync(Guid id, OpdInput input, CancellationToken ct)
    {
        var opd = await FindAsync(id, ct);
        if (opd is null) return AdminResult<Opd>.Missing();
        var errors = Validate(input);
        if (errors.Count > 0) return AdminResult<Opd>.Invalid(errors);
        opd.Code = input.Code!.Trim();
        opd.Name = input.Name!.Trim();
        db.AddAudit(opd.PemkabId, me.Id, "opd.updated", detail: new { opd.Id, opd.Code });
        return await SaveAsync(opd, ct);
    }

    public async Task<AdminResult<Opd>> SetActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        var opd = await FindAsync(id, ct);
        if (opd is null) return AdminResult<Opd>.Missing();
        opd.IsActive = active;
        db.AddAudit(opd.PemkabId, me.Id, active ? "opd.reactivated" : "opd.deactivated", detail: new { opd.Id, opd.Code });
        await db.SaveChangesAsync(ct);
        return AdminResult<Opd>.Ok(opd);
    }

    private FieldErrors Validate(OpdInput input)
    {
        var errors = new FieldErrors();
        var code = input.Code?.Trim();
        if (string.IsNullOrEmpty(code)) errors.Add("code", t["Field.Required"]);
        else if (!CodePattern().IsMatch(code)) errors.Add("code", t["Opd.CodeFormat"]);
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add("name", t["Field.Required"]);
        else if (name.Length > NameMax) errors.Add("name", t["Field.TooLong", NameMax]);
        return errors;
    }

    /// <summary>The unique index on (pemkab_id, code) decides races; a clash is a field error, not a 500.</summary>
    private async Task<AdminResult<Opd>> SaveAsync(Opd opd, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return AdminResult<Opd>.Ok(opd);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            var errors = new FieldErrors();
            errors.Add("code", t["Opd.CodeTaken"]);
            return AdminResult<Opd>.Invalid(errors);
        }
    }
}
