using System.Net.Http.Headers;
using System.Net.Http.Json;
using IdeaHub.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Infrastructure;

/// <summary>
/// The real app over its own fresh database with the demo organisation seeded (users admin, bupati, reviewer,
/// kepala.&lt;opd&gt;, asn.&lt;opd&gt;; password <see cref="Password"/>). Use as an xunit class fixture.
/// Call <see cref="UseKestrel"/> before first use for browser tests that need a real socket.
/// </summary>
public class IdeaHubApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "IdeaHub#2026";
    public string ConnectionString { get; protected set; } = "";
    private readonly Dictionary<string, string?> _settings = new();

    /// <summary>Extra configuration (before first use), e.g. AI model settings.</summary>
    public IdeaHubApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public virtual async Task InitializeAsync() => ConnectionString = await TestCluster.NewDatabaseAsync();

    /// <summary>
    /// Stops the app, then closes its database's pooled connections: Npgsql keeps idle ones for minutes, and a
    /// test process runs hundreds of fixtures against one cluster.
    /// </summary>
    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString.Length > 0)
        {
            using var conn = new Npgsql.NpgsqlConnection(ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(conn);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:IdeaHub", ConnectionString);
        builder.UseSetting("IdeaHub:SeedDemo", "true");
        builder.UseSetting("IDEAHUB_DEMO_PASSWORD", Password);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Test classes sign in hundreds of times from one address; SignInLimitTests sets real limits.
        builder.UseSetting("IdeaHub:SignIn:PerIpPermits", "100000");
        builder.UseSetting("IdeaHub:SignIn:PerUserPermits", "100000");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
    }

    /// <summary>An HTTP client authenticated with a bearer token of the given demo user.</summary>
    public async Task<HttpClient> ClientAsAsync(string userName, string password = Password)
    {
        var client = NewApiClient();
        var res = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        res.EnsureSuccessStatusCode();
        var token = (await res.Content.ReadFromJsonAsync<TokenResponse>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>A scope with the DbContext, tenant set to the given Pemkab (or the demo one).</summary>
    public async Task<T> WithDbAsync<T>(Func<IdeaHubDb, Task<T>> action, string pemkabCode = "kab-tegal")
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdeaHubDb>();
        var pemkab = await db.Pemkabs.SingleAsync(p => p.Code == pemkabCode);
        scope.ServiceProvider.GetRequiredService<IdeaHub.Web.Platform.TenantContext>().Use(pemkab.Id);
        return await action(db);
    }

    /// <summary>Where the app listens after <see cref="StartOnKestrel"/>; empty while it runs on the in-memory test server.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// Starts the app on Kestrel (a loopback port) for clients that need a real socket: browsers, the PDF renderer's
    /// Chromium, other app instances. API clients then go over that socket too, so all of them see the same server.
    /// </summary>
    protected void StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>An unauthenticated client that does not follow redirects, aimed at wherever this app is served.</summary>
    protected virtual HttpClient NewApiClient() => BaseUrl.Length > 0
        ? new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private sealed record TokenResponse(string AccessToken);
}
