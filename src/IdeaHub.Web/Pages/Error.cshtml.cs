using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdeaHub.Web.Pages;

/// <summary>The page every failed page request ends on (see Platform/ErrorPages): what happened and a way back.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }
    public string Back { get; private set; } = "/";

    public string Key => Status switch
    {
        404 => "ErrorPage.NotFound",
        403 => "ErrorPage.Forbidden",
        >= 400 and < 500 => "ErrorPage.BadRequest",
        _ => "ErrorPage.Failed",
    };

    // The status comes from the route only: a re-executed form post may carry its own "code" field (an OPD code).
    public IActionResult OnGet([FromRoute] int? code) => Show(code);

    public IActionResult OnPost([FromRoute] int? code) => Show(code);

    /// <summary>The page the person came from when it is ours (never another site), else home.</summary>
    public static string BackLink(HttpRequest request) =>
        Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var from)
        && from.Authority == request.Host.Value && from.PathAndQuery != request.Path.Value
            ? from.PathAndQuery : "/";

    private PageResult Show(int? code)
    {
        // Reached directly (not re-executed), /error is a page like any other: it answers 200.
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Status = code is >= 400 and < 600 ? code.Value : 500;
        if (reExecuted) Response.StatusCode = Status;
        Back = BackLink(Request);
        return Page();
    }
}
