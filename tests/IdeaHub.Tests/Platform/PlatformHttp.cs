using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdeaHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IdeaHub.Tests.Platform;

/// <summary>One app and database shared by the platform test classes (they create their own rows and never count globally).</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<IdeaHubApp>
{
    public const string Name = "Platform";
}

/// <summary>Browser-like HTTP: cookie sign-in through the login form, antiforgery tokens read from pages.</summary>
internal static partial class PlatformHttp
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<HttpClient> BrowserAsAsync(this IdeaHubApp app, string userName, string password = IdeaHubApp.Password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var res = await client.PostFormAsync("/Account/Login", "/Account/Login", new() { ["UserName"] = userName, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        return client;
    }

    public static async Task<string> FormTokenAsync(this HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
    }

    /// <summary>GETs <paramref name="pageUrl"/> for its antiforgery token, then posts the form fields to <paramref name="postUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await client.FormTokenAsync(pageUrl);
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>The text of the error shown beside a form field (span data-field-error), or null.</summary>
    public static string? FieldError(string html, string field)
    {
        var m = Regex.Match(html, $"data-field-error=\"{Regex.Escape(field)}\">([^<]*)</span>", RegexOptions.IgnoreCase);
        return m.Success && m.Groups[1].Value.Length > 0 ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage res) => await res.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<Guid> OpdIdAsync(this IdeaHubApp app, string code, string pemkab = "kab-tegal") =>
        await app.WithDbAsync(db => Task.FromResult(db.Opds.Single(o => o.Code == code).Id), pemkab);

    public static async Task<Guid> UserIdAsync(this IdeaHubApp app, string userName) =>
        await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));
}
