using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Organisation.Import;

/// <summary>Row checks for an OPD file: the same rules as the admin form, plus no duplicates within the file.</summary>
internal sealed class OpdRows(CsvTable table, IEnumerable<string> existingCodes, IStringLocalizer<OrganisationText> t)
{
    public List<(string Code, string Name)> Validate()
    {
        var existing = existingCodes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rows = new List<(string, string)>();
        foreach (var (row, cells) in table.Rows)
        {
            var code = OrganisationImporter.Cell(table, cells, "code");
            var name = OrganisationImporter.Cell(table, cells, "name");
            if (code.Length == 0) Error(row, "code", t["Field.Required"]);
            else if (!OpdAdmin.CodePattern().IsMatch(code)) Error(row, "code", t["Opd.CodeFormat"]);
            else if (existing.Contains(code)) Error(row, "code", t["Opd.CodeTaken"]);
            else if (!seen.TryAdd(code, row)) Error(row, "code", t["Import.DuplicateInFile", seen[code]]);
            if (name.Length == 0) Error(row, "name", t["Field.Required"]);
            else if (name.Length > OpdAdmin.NameMax) Error(row, "name", t["Field.TooLong", OpdAdmin.NameMax]);
            rows.Add((code, name));
        }
        return rows;
    }

    private void Error(int row, string column, string message) => table.Errors.Add(new RowError(row, column, message, table.Value(row, column)));
}

internal sealed record UserImportRow(int Row, string UserName, string NormalizedUserName, string FullName, string Role, Guid? OpdId, string? Nip,
    string? Email, string? NormalizedEmail);

/// <summary>Row checks for a user file: the admin form's rules, OPD codes of this Pemkab, names unique everywhere.</summary>
internal sealed class UserRows(CsvTable table, HashSet<string> takenNormalized, Dictionary<string, Guid> opds, ILookupNormalizer normalizer,
    IStringLocalizer<OrganisationText> t)
{
    public List<UserImportRow> Validate()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<UserImportRow>();
        foreach (var (row, cells) in table.Rows)
        {
            string Cell(string c) => OrganisationImporter.Cell(table, cells, c);
            var userName = Cell("user_name");
            var normalized = normalizer.NormalizeName(userName);
            if (userName.Length == 0) Error(row, "user_name", t["Field.Required"]);
            else if (!UserAdmin.UserNamePattern().IsMatch(userName)) Error(row, "user_name", t["User.NameFormat"]);
            else if (takenNormalized.Contains(normalized)) Error(row, "user_name", t["User.NameTaken"]);
            else if (!seen.TryAdd(normalized, row)) Error(row, "user_name", t["Import.DuplicateInFile", seen[normalized]]);

            var fullName = Cell("full_name");
            if (fullName.Length == 0) Error(row, "full_name", t["Field.Required"]);
            else if (fullName.Length > UserAdmin.NameMax) Error(row, "full_name", t["Field.TooLong", UserAdmin.NameMax]);

            var role = Roles.Parse(Cell("role"));
            if (Cell("role").Length == 0) Error(row, "role", t["Field.Required"]);
            else if (role is null) Error(row, "role", t["User.RoleInvalid"]);

            var opdCode = Cell("opd_code");
            Guid? opdId = null;
            if (opdCode.Length > 0)
            {
                if (opds.TryGetValue(opdCode, out var id)) opdId = id;
                else Error(row, "opd_code", t["User.OpdUnknown"]);
            }
            else if (role is not null && Roles.NeedsOpd(role)) Error(row, "opd_code", t["User.OpdRequired"]);

            var nip = Cell("nip");
            if (nip.Length > 0 && !UserAdmin.NipPattern().IsMatch(nip)) Error(row, "nip", t["User.NipFormat"]);
            var email = Cell("email");
            if (email.Length > 0 && (email.Length > UserAdmin.EmailMax || !System.Net.Mail.MailAddress.TryCreate(email, out _)))
                Error(row, "email", t["User.EmailInvalid"]);

            rows.Add(new UserImportRow(row, userName, normalized, fullName, role ?? "", opdId, nip.Length > 0 ? nip : null,
                email.Length > 0 ? email : null, email.Length > 0 ? normalizer.NormalizeEmail(email) : null));
        }
        return rows;
    }

    private void Error(int row, string column, string message) => table.Errors.Add(new RowError(row, column, message, table.Value(row, column)));
}
