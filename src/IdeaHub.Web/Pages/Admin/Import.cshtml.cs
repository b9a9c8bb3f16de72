using IdeaHub.Web.Organisation;
using IdeaHub.Web.Organisation.Import;
using IdeaHub.Web.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Pages.Admin;

[RequestSizeLimit(OrganisationImporter.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = OrganisationImporter.MaxBytes + 64 * 1024)]
public sealed class ImportModel(OrganisationImporter importer, IStringLocalizer<OrganisationText> t) : AdminPage
{
    public string? Kind { get; private set; }
    public ImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>An import file to fill in: the header and one example row, in the spreadsheet format (';', BOM).</summary>
    public IActionResult OnGetTemplate(string? kind) => kind == "opds"
        ? File(CsvWriter.Write(["code", "name"], [["dinkes", "Dinas Kesehatan"]], CsvFormat.Spreadsheet), "text/csv; charset=utf-8", "templat-opd.csv")
        : File(CsvWriter.Write(["user_name", "full_name", "role", "opd_code", "nip", "email"],
            [["budi.santoso", "Budi Santoso", "ASN", "dinkes", "198501012010011001", "budi@example.go.id"]], CsvFormat.Spreadsheet),
            "text/csv; charset=utf-8", "templat-pengguna.csv");

    public Task<IActionResult> OnPostOpdsAsync(IFormFile? file, CancellationToken ct) => RunAsync("opds", file, ct);

    public Task<IActionResult> OnPostUsersAsync(IFormFile? file, CancellationToken ct) => RunAsync("users", file, ct);

    /// <summary>The activation codes as a CSV to hand out: user_name, full_name, activation_code.</summary>
    public string CodesCsv() => CsvWriter.WriteText(["user_name", "full_name", "activation_code"],
        (Result?.ActivationCodes ?? []).Select(c => new object?[] { c.UserName, c.FullName, c.ActivationCode }));

    private async Task<IActionResult> RunAsync(string kind, IFormFile? file, CancellationToken ct)
    {
        Kind = kind;
        var errors = new FieldErrors();
        if (file is null || file.Length == 0) errors.Add(kind + "File", t["Import.FileMissing"]);
        else if (file.Length > OrganisationImporter.MaxBytes) errors.Add(kind + "File", t["Import.FileTooLarge", OrganisationImporter.MaxBytes / 1024 / 1024]);
        if (errors.Count > 0) return Show(errors);

        await using var stream = file!.OpenReadStream();
        var (csv, error) = await CsvUpload.ReadAsync(stream, t, ct);
        if (error is not null)
        {
            errors.Add(kind + "File", error);
            return Show(errors);
        }
        Result = kind == "opds" ? await importer.ImportOpdsAsync(csv!, ct) : await importer.ImportUsersAsync(csv!, ct);
        if (!Result.Succeeded) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
