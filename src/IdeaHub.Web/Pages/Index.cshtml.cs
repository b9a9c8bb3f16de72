using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdeaHub.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
