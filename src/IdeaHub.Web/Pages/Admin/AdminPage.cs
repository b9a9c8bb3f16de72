using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Authorization;

namespace IdeaHub.Web.Pages.Admin;

/// <summary>Every admin page: administrators only, and only their own Pemkab's rows (the services filter by it).</summary>
[Authorize(Policy = Policies.Admin)]
public abstract class AdminPage : FormPage;
