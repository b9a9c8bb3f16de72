using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace IdeaHub.Bench.Rankings;

/// <summary>The real web app (Release build, Production settings) started in this process on a loopback port.</summary>
internal sealed class BenchApp
{
    private readonly string _baseUrl;

    private BenchApp(string baseUrl) => _baseUrl = baseUrl;

    public static async Task<BenchApp> StartAsync(string connectionString)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";
        var entry = typeof(IdeaHub.Web.Rankings.RankingMath).Assembly.EntryPoint!;
        string[] args = ["--applicationName=IdeaHub.Web", $"--urls={url}", $"--ConnectionStrings:IdeaHub={connectionString}",
            "--IdeaHub:SeedDemo=true", "--Logging:LogLevel:Default=Warning", "--environment=Production"];
        _ = Task.Factory.StartNew(() => entry.Invoke(null, [args]), TaskCreationOptions.LongRunning);

        using var probe = new HttpClient { BaseAddress = new Uri(url) };
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode) return new BenchApp(url);
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("The web app did not become ready.");
    }

    public async Task<HttpClient> ClientAsAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(_baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        var res = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = "IdeaHub#2026" });
        res.EnsureSuccessStatusCode();
        var token = (await res.Content.ReadFromJsonAsync<Token>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    private sealed record Token(string AccessToken);
}
