using System.Net;
using System.Text.RegularExpressions;
using IdeaHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IdeaHub.Tests.Platform;

/// <summary>
/// Every route the app maps (pages and APIs, including those features add later) is probed: anonymous callers
/// are turned away from every non-anonymous route, and each demo role gets exactly what the route's policies
/// allow according to the table below, written independently of Policies.cs.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class AuthorizationMatrixTests(IdeaHubApp app, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string[]> PolicyRoles = new()
    {
        ["Asn"] = ["Asn"],
        ["KepalaOpd"] = ["KepalaOpd"],
        ["Reviewer"] = ["Reviewer"],
        ["Reviewing"] = ["KepalaOpd", "Reviewer"],
        ["Leadership"] = ["Bupati"],
        ["Admin"] = ["Admin"],
        ["Rankings.Dashboard"] = ["Bupati", "Admin"],
        ["Rankings.Readers"] = ["Bupati", "Admin", "Reviewer"],
        // Deployment-wide operations (embedders): no Pemkab role, so every role in RoleUsers must get 403.
        ["Operator"] = ["Operator"],
    };

    private static readonly Dictionary<string, string> RoleUsers = new()
    {
        ["Admin"] = "admin", ["Bupati"] = "bupati", ["Reviewer"] = "reviewer", ["KepalaOpd"] = "kepala.dinkes", ["Asn"] = "asn.dinkes",
    };

    /// <summary>Routes that must exist, with the only role allowed in (everyone else: 403).</summary>
    public static TheoryData<string, string, string> Known => new()
    {
        { "GET", "/admin", "Admin" }, { "GET", "/admin/opds", "Admin" }, { "GET", "/admin/opds/edit", "Admin" },
        { "GET", "/admin/users", "Admin" }, { "GET", "/admin/users/edit", "Admin" }, { "GET", "/admin/import", "Admin" },
        { "GET", "/api/admin/opds", "Admin" }, { "GET", "/api/admin/users", "Admin" },
    };

    private sealed record Probe(string Method, string Path, string Template, string[]? AllowedRoles);

    private List<Probe> Probes()
    {
        using var _ = app.CreateClient();
        var probes = new List<Probe>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (e.Metadata.GetMetadata<IAllowAnonymous>() is not null) continue;
            var raw = e.RoutePattern.RawText ?? "/";
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.Count == 0 ? ["GET"] : methods)
                probes.Add(new Probe(method, Fill(raw), Template(raw), AllowedRoles(e)));
        }
        return probes.DistinctBy(p => (p.Method, p.Path)).ToList();
    }

    private static string[]? AllowedRoles(Endpoint e)
    {
        IEnumerable<string> allowed = RoleUsers.Keys;
        foreach (var data in e.Metadata.GetOrderedMetadata<IAuthorizeData>())
        {
            if (data.Policy is { } policy)
            {
                Assert.True(PolicyRoles.TryGetValue(policy, out var roles),
                    $"{e.DisplayName} uses policy '{policy}': add it to AuthorizationMatrixTests.PolicyRoles so the matrix covers it.");
                allowed = allowed.Intersect(roles!);
            }
            if (data.Roles is { } r) allowed = allowed.Intersect(r.Split(',', StringSplitOptions.TrimEntries));
        }
        return allowed.ToArray();
    }

    [GeneratedRegex(@"\{\*{0,2}([^}:=?]+)([^}]*)\}")]
    private static partial Regex Parameter();

    private static string Fill(string raw)
    {
        var path = Parameter().Replace(raw, m => m.Groups[2].Value.Contains("guid") ? Guid.NewGuid().ToString()
            : m.Groups[2].Value.Contains("int") || m.Groups[2].Value.Contains("long") ? "1" : "x");
        return path.StartsWith('/') ? path : "/" + path;
    }

    /// <summary>The route without optional parameters, lower case: "Admin/Users/Edit/{id:guid?}" → "/admin/users/edit".</summary>
    private static string Template(string raw)
    {
        var t = Regex.Replace(raw, @"/?\{[^}]*\?\}", "").ToLowerInvariant();
        return t.StartsWith('/') ? t : "/" + t;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var req = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is not ("GET" or "HEAD" or "DELETE")) req.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return await client.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, cts.Token);
    }

    [Fact]
    public async Task Anonymous_callers_are_turned_away_from_every_protected_route()
    {
        var probes = Probes();
        Assert.True(probes.Count >= 15, $"only {probes.Count} protected routes found");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var failures = new List<string>();
        foreach (var p in probes)
        {
            using var res = await SendAsync(client, p.Method, p.Path);
            var toLogin = res.StatusCode == HttpStatusCode.Redirect && res.Headers.Location?.ToString().Contains("/Account/Login", StringComparison.Ordinal) == true;
            if (res.StatusCode != HttpStatusCode.Unauthorized && !toLogin) failures.Add($"{p.Method} {p.Path}: {(int)res.StatusCode}");
        }
        output.WriteLine($"{probes.Count} protected routes probed anonymously");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Each_role_gets_exactly_what_the_route_policies_allow()
    {
        var failures = new List<string>();
        foreach (var (role, user) in RoleUsers)
        {
            using var client = await app.ClientAsAsync(user);
            foreach (var p in Probes())
            {
                var allowed = p.AllowedRoles!.Contains(role);
                if (allowed && p.Method != "GET") continue; // never run state-changing handlers blind
                HttpResponseMessage res;
                try { res = await SendAsync(client, p.Method, p.Path); }
                catch (OperationCanceledException) when (allowed) { continue; } // a streaming endpoint that let us in
                using (res)
                {
                    var code = (int)res.StatusCode;
                    if (!allowed && code != 403) failures.Add($"{role} {p.Method} {p.Path}: {code}, expected 403");
                    if (allowed && code is 401 or 403 or >= 500) failures.Add($"{role} {p.Method} {p.Path}: {code}, expected access");
                }
            }
        }
        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Known))]
    public async Task Known_routes_exist_and_admit_only_their_role(string method, string path, string onlyRole)
    {
        Assert.Contains(Probes(), p => p.Method == method && p.Template == path);
        foreach (var (role, user) in RoleUsers)
        {
            using var client = await app.ClientAsAsync(user);
            using var res = await SendAsync(client, method, path);
            Assert.Equal(role == onlyRole ? HttpStatusCode.OK : HttpStatusCode.Forbidden, res.StatusCode);
        }
    }

    [Fact]
    public async Task A_browser_session_of_another_role_is_sent_to_the_access_denied_page()
    {
        using var browser = await app.BrowserAsAsync("asn.dinkes");
        using var res = await browser.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Contains("/Account/Denied", res.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
