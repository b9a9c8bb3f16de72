using IdeaHub.Web.Platform;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdeaHub.Bench.Platform;

/// <summary>
/// CSV user import through the real HTTP API (validation, activation codes, binary COPY) against the peer a
/// naive import would use: UserManager.CreateAsync with a password per user (PBKDF2), timed on a sample and
/// extrapolated. Both in the same process, on the same throwaway PostgreSQL. (The factory names DatabaseInfo
/// because this console has its own Program; any type of the web assembly locates its entry point.)
/// </summary>
public static class ImportBench
{
    private const string Password = "IdeaHub#2026";

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 5000);
        var sample = Option(args, "--sample", 200);
        var dir = Path.Combine(Path.GetTempPath(), $"ideahub-import-bench-{Environment.ProcessId}");
        var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dir, Ephemeral = true }, NullLogger.Instance);
        try
        {
            var cs = await pg.CreateDatabaseAsync("import_bench");
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_IDEAHUB_WEB", WebContentRoot());
            await using var app = new WebApplicationFactory<DatabaseInfo>().WithWebHostBuilder(b => b
                .UseSetting("ConnectionStrings:IdeaHub", cs).UseSetting("IdeaHub:SeedDemo", "true")
                .UseSetting("IDEAHUB_DEMO_PASSWORD", Password).UseSetting("Logging:LogLevel:Default", "Warning"));
            using var client = app.CreateClient();
            var token = await (await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = Password }))
                .Content.ReadFromJsonAsync<TokenResponse>();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);

            await ImportAsync(client, "warm", 200);
            var runs = new List<double>();
            for (var run = 0; run < 3; run++) runs.Add(await ImportAsync(client, $"run{run}", rows));
            var import = runs.Order().ElementAt(1);
            var peer = await CreateOneByOneAsync(app.Services, sample);
            var peerTotal = peer / sample * rows;

            Console.WriteLine($"CSV import of {rows:N0} users (HTTP, validate + binary COPY + activation codes), median of 3: {import:F2} s ({rows / import:N0} rows/s)");
            Console.WriteLine($"Peer: UserManager.CreateAsync + AddToRoleAsync one by one, {sample} users: {peer:F2} s -> {peerTotal:F1} s for {rows:N0}");
            Console.WriteLine($"Ratio: {peerTotal / import:F0}x faster than the peer");
            return 0;
        }
        finally
        {
            await pg.StopAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<double> ImportAsync(HttpClient client, string prefix, int rows)
    {
        var csv = new StringBuilder("user_name,full_name,role,opd_code,nip\n");
        string[] opds = ["dinkes", "disdik", "dpmptsp", "dispar", "dukcapil", "rsud", "pupr", "dinsos"];
        for (var i = 1; i <= rows; i++) csv.Append($"{prefix}.{i},Pegawai {i},Asn,{opds[i % opds.Length]},{199001012020011000 + i}\n");
        var sw = Stopwatch.StartNew();
        var res = await client.PostAsync("/api/admin/import/users", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        await res.Content.ReadAsByteArrayAsync();
        sw.Stop();
        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"import failed: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return sw.Elapsed.TotalSeconds;
    }

    private static async Task<double> CreateOneByOneAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdeaHubDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var pemkab = await db.Pemkabs.SingleAsync(p => p.Code == "kab-tegal");
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(pemkab.Id);
        var opd = await db.Opds.FirstAsync(o => o.Code == "dinkes");
        var sw = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            var user = new AppUser { UserName = $"peer.{i}", FullName = $"Pegawai {i}", PemkabId = pemkab.Id, OpdId = opd.Id };
            var created = await users.CreateAsync(user, Passwords.Generate());
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, Roles.Asn);
        }
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>src/IdeaHub.Web of this checkout (the factory's own lookup expects a test project layout).</summary>
    private static string WebContentRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "IdeaHub.sln"))) return Path.Combine(d.FullName, "src", "IdeaHub.Web");
        throw new InvalidOperationException("IdeaHub.sln not found above " + AppContext.BaseDirectory);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    private sealed record TokenResponse(string AccessToken);
}
