using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdeaHub.Web.Pages;

/// <summary>A page with a form: field errors shown next to inputs (400 when present), and a one-shot notice after redirects.</summary>
public abstract class FormPage : PageModel
{
    public FieldErrors Errors { get; private set; } = new();

    [TempData] public string? Notice { get; set; }

    public string? ErrorFor(string field) => Errors.For(field);

    protected IActionResult Show(FieldErrors errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
