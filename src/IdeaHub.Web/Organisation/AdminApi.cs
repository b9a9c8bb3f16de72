using IdeaHub.Web.Organisation.Import;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Organisation;

/// <summary>JSON administration of the caller's own Pemkab: the same services and rules as the admin pages.</summary>
public static class AdminApi
{
    public sealed record OpdDto(Guid Id, string Code, string Name, bool IsActive);
    public sealed record UserCreated(UserRow User, string? GeneratedPassword);
    public sealed record PasswordRequest(string? Password);
    public sealed record PasswordReset(Guid UserId, string? GeneratedPassword);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/admin").RequireAuthorization(Policies.Admin).WithTags("Admin");
        g.MapGet("/opds", async (OpdAdmin opds, CancellationToken ct) => TypedResults.Ok((await opds.ListAsync(ct)).Select(ToDto)));
        g.MapGet("/opds/{id:guid}", async Task<Results<Ok<OpdDto>, NotFound>> (Guid id, OpdAdmin opds, CancellationToken ct) =>
            await opds.FindAsync(id, ct) is { } o ? TypedResults.Ok(ToDto(o)) : TypedResults.NotFound());
        g.MapPost("/opds", async (OpdInput input, OpdAdmin opds, Title title, CancellationToken ct) =>
            (await opds.CreateAsync(input, ct)).ToHttp(ToDto, title.Text));
        g.MapPut("/opds/{id:guid}", async (Guid id, OpdInput input, OpdAdmin opds, Title title, CancellationToken ct) =>
            (await opds.UpdateAsync(id, input, ct)).ToHttp(ToDto, title.Text));
        g.MapPost("/opds/{id:guid}/deactivate", async (Guid id, OpdAdmin opds, Title title, CancellationToken ct) =>
            (await opds.SetActiveAsync(id, false, ct)).ToHttp(ToDto, title.Text));
        g.MapPost("/opds/{id:guid}/reactivate", async (Guid id, OpdAdmin opds, Title title, CancellationToken ct) =>
            (await opds.SetActiveAsync(id, true, ct)).ToHttp(ToDto, title.Text));

        g.MapGet("/users", ListUsers)
            .WithSummary($"Users of the caller's Pemkab; page 1..{UserDirectory.MaxPage}, pageSize 1..{UserDirectory.MaxPageSize} (default 50), else 400.");
        g.MapGet("/users/{id:guid}", async Task<Results<Ok<UserRow>, NotFound>> (Guid id, UserDirectory dir, CancellationToken ct) =>
            await dir.GetAsync(id, ct) is { } u ? TypedResults.Ok(u) : TypedResults.NotFound());
        g.MapPost("/users", async (UserInput input, UserAdmin admin, UserDirectory dir, Title title, CancellationToken ct) =>
            await (await admin.CreateAsync(input, ct)).ToHttpAsync(async c => new UserCreated(await Row(dir, c), c.Password), title.Text));
        g.MapPut("/users/{id:guid}", async (Guid id, UserInput input, UserAdmin admin, UserDirectory dir, Title title, CancellationToken ct) =>
            await (await admin.UpdateAsync(id, input with { Password = null }, ct)).ToHttpAsync(c => Row(dir, c), title.Text));
        g.MapPost("/users/{id:guid}/password", async (Guid id, PasswordRequest body, UserAdmin admin, Title title, CancellationToken ct) =>
            (await admin.ResetPasswordAsync(id, body.Password, ct)).ToHttp(c => new PasswordReset(c.User.Id, c.Password), title.Text));
        g.MapPost("/users/{id:guid}/deactivate", async (Guid id, UserAdmin admin, UserDirectory dir, Title title, CancellationToken ct) =>
            await (await admin.SetActiveAsync(id, false, ct)).ToHttpAsync(c => Row(dir, c), title.Text));
        g.MapPost("/users/{id:guid}/reactivate", async (Guid id, UserAdmin admin, UserDirectory dir, Title title, CancellationToken ct) =>
            await (await admin.SetActiveAsync(id, true, ct)).ToHttpAsync(c => Row(dir, c), title.Text));

        g.MapPost("/import/{kind}", Import).DisableAntiforgery()
            .WithSummary("Upload a CSV (text/csv body or multipart file) of OPDs or users; all rows or none are imported.");
        return app;
    }

    private static async Task<Results<Ok<ImportResult>, ValidationProblem, NotFound>> Import(string kind, HttpRequest request,
        OrganisationImporter importer, IStringLocalizer<OrganisationText> t, Title title, CancellationToken ct)
    {
        if (kind is not ("opds" or "users")) return TypedResults.NotFound();
        var (csv, error) = await CsvUpload.ReadAsync(request, t, ct);
        if (error is not null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [error] }, title: title.Text);
        var result = kind == "opds" ? await importer.ImportOpdsAsync(csv!, ct) : await importer.ImportUsersAsync(csv!, ct);
        if (result.Succeeded) return TypedResults.Ok(result);
        var errors = result.Errors.GroupBy(e => $"rows[{e.Row}].{e.Column}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(errors, title: title.Text, detail: t["Import.Rejected", result.Errors.Select(e => e.Row).Distinct().Count()],
            extensions: new Dictionary<string, object?> { ["rowErrors"] = result.Errors });
    }

    private static OpdDto ToDto(Opd o) => new(o.Id, o.Code, o.Name, o.IsActive);

    private static async Task<UserRow> Row(UserDirectory dir, UserChange c) => (await dir.GetAsync(c.User.Id, CancellationToken.None))!;

    /// <summary>The localised title of validation problems, injected so handlers stay one-liners.</summary>
    private static async Task<Results<Ok<PageOf<UserRow>>, ValidationProblem>> ListUsers(string? q, string? role, int? page, int? pageSize,
        UserDirectory dir, Title title, IStringLocalizer<OrganisationText> t, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > UserDirectory.MaxPage) errors["page"] = [t["Paging.Range", 1, UserDirectory.MaxPage]];
        if (pageSize is < 1 or > UserDirectory.MaxPageSize) errors["pageSize"] = [t["Paging.Range", 1, UserDirectory.MaxPageSize]];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: title.Text);
        return TypedResults.Ok(await dir.SearchAsync(q, role, page ?? 1, pageSize ?? 50, ct));
    }

    public sealed class Title(Platform.Localizer l)
    {
        public string Text => l["Validation.Title"];
    }
}
