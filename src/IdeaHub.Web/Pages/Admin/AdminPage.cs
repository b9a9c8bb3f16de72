using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdeaHub.Web.Pages.Admin;

/// <summary>Shared by the admin pages: field errors shown next to inputs, and a one-shot notice after redirects.</summary>
public abstract class AdminPage : PageModel
{
    public FieldErrors Errors { get; private set; } = new();

    [TempData] public string? Notice { get; set; }

    public string? ErrorFor(string field) => Errors.For(field);

    public string Invalid(string field) => Errors.ContainsKey(field) ? "true" : "false";

    protected IActionResult Show(FieldErrors errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
