using IdeaHub.Web.Platform;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IdeaHub.Bench.Realtime;

/// <summary>
/// The server half of the SignalR benchmark, in its own process so its memory is the server's alone: the real app on
/// Kestrel (loopback) over a throwaway cluster, plus bench-only endpoints: /bench/setup (users, proposals, tokens),
/// /bench/mode (push over SignalR or over the bare WebSocket floor), /bench/ws (the floor), /bench/memory.
/// </summary>
internal static class BenchServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ideahub-signalr-bench-{Environment.ProcessId}");
        var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dir, Ephemeral = true }, NullLogger.Instance);
        try
        {
            var cs = await pg.CreateDatabaseAsync("signalr_bench");
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_IDEAHUB_WEB", WebContentRoot());
            await using var app = new Factory(cs);
            app.UseKestrel(0);
            app.StartServer();
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
            Console.WriteLine($"READY {url}");
            await Console.In.ReadLineAsync(); // the parent closes stdin when done
            return 0;
        }
        finally
        {
            await pg.StopAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string WebContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IdeaHub.sln"))) return Path.Combine(dir.FullName, "src", "IdeaHub.Web");
        throw new DirectoryNotFoundException("IdeaHub.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class Factory(string connectionString) : WebApplicationFactory<FeedbackHub>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:IdeaHub", connectionString);
            builder.UseSetting("IdeaHub:SeedDemo", "true");
            builder.UseSetting("IdeaHub:SignIn:PerIpPermits", "100000");
            builder.UseSetting("IdeaHub:SignIn:PerUserPermits", "100000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Kestrel:Limits:MaxConcurrentConnections", "5000");
            builder.ConfigureTestServices(s =>
            {
                s.AddSingleton<BareSockets>();
                s.AddSingleton<IFeedbackPush, BenchPush>();
                s.AddSingleton<IStartupFilter, BenchEndpoints>();
            });
        }
    }

    public sealed record BenchUser(Guid UserId, Guid ProposalId, string Token);

    /// <summary>
    /// Adds n ASN users of one OPD, each with a proposal in review (the stage the whole Kepala OPD panel may review),
    /// mints their bearer tokens (no password hashing), and stores one review of every proposal by every given reviewer,
    /// so every measured PUT is an update with the same recipients (author, own Kepala OPD, the other reviewers) in
    /// every phase, whatever phase ran before it.
    /// </summary>
    public static async Task<List<BenchUser>> SetupAsync(IServiceProvider services, int n, IReadOnlyList<string> reviewers)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdeaHubDb>();
        var template = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.UserName == "asn.kec-slawi");
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(template.PemkabId);
        var role = await db.Roles.Where(r => r.Name == Roles.Asn).Select(r => r.Id).SingleAsync();
        var users = Enumerable.Range(0, n).Select(i => new AppUser
        {
            UserName = $"bench.{i}", NormalizedUserName = $"BENCH.{i}", FullName = $"Bench {i}", PemkabId = template.PemkabId,
            OpdId = template.OpdId, PasswordHash = template.PasswordHash, SecurityStamp = Guid.NewGuid().ToString("N"), EmailConfirmed = true,
        }).ToList();
        db.Users.AddRange(users);
        db.UserRoles.AddRange(users.Select(u => new IdentityUserRole<Guid> { UserId = u.Id, RoleId = role }));
        var proposals = users.Select(u => new Proposal
        {
            PemkabId = u.PemkabId, OpdId = u.OpdId!.Value, AuthorId = u.Id, Title = $"Inovasi bench {u.UserName}",
            Urusan = "kesehatan", Status = ProposalStatus.InReview, SubmittedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.AddRange(proposals);
        await db.SaveChangesAsync();
        await SeedReviewsAsync(db, template.PemkabId, proposals.Select(p => p.Id).ToArray(), reviewers);
        // Planner statistics for the bulk-loaded rows now, rather than whenever autovacuum gets to them mid-run.
        await db.Database.ExecuteSqlRawAsync("ANALYZE");

        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        var protector = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).BearerTokenProtector;
        var result = new List<BenchUser>(n);
        foreach (var (u, p) in users.Zip(proposals))
        {
            var principal = await factory.CreateAsync(u);
            var props = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
            result.Add(new BenchUser(u.Id, p.Id, protector.Protect(new AuthenticationTicket(principal, props, IdentityConstants.BearerScheme))));
        }
        return result;
    }

    private static async Task SeedReviewsAsync(IdeaHubDb db, Guid pemkab, Guid[] proposals, IReadOnlyList<string> reviewers)
    {
        var names = reviewers.Select(r => r.ToUpperInvariant()).ToArray();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO review (id, pemkab_id, proposal_id, reviewer_id, reviewer_opd_id, recommendation, comment)
            SELECT gen_random_uuid(), @pemkab, p.id, u.id, u.opd_id, 'Revise', 'ulasan awal'
            FROM unnest(@proposals) AS p(id) CROSS JOIN users u
            WHERE u.normalized_user_name = ANY(@names) AND u.pemkab_id = @pemkab
            """, new NpgsqlParameter("pemkab", pemkab), new NpgsqlParameter("proposals", proposals), new NpgsqlParameter("names", names));
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO review_score (review_id, criterion_id, score)
            SELECT r.id, c.id, 3 FROM review r JOIN rubric_criterion c ON c.pemkab_id = r.pemkab_id AND c.is_active
            WHERE r.proposal_id = ANY(@proposals)
            """, new NpgsqlParameter("proposals", proposals));
        await tx.CommitAsync();
    }

    private sealed class BenchEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // The floor's sockets get the same keep-alive cadence as SignalR's hub pings (15 s).
            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
            app.Map("/bench", bench => bench.Run(async ctx =>
            {
                var services = ctx.RequestServices;
                switch (ctx.Request.Path.Value)
                {
                    case "/setup":
                        await ctx.Response.WriteAsJsonAsync(await SetupAsync(services, int.Parse(ctx.Request.Query["n"]!, System.Globalization.CultureInfo.InvariantCulture),
                            ctx.Request.Query["reviewers"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)));
                        break;
                    case "/mode":
                        services.GetRequiredService<BareSockets>().Mode = ctx.Request.Query["m"].ToString();
                        break;
                    case "/store-times":
                        var times = new List<double>();
                        while (BenchPush.StoreMs.TryDequeue(out var t)) times.Add(t);
                        times.Sort();
                        double? Q(double q) => times.Count == 0 ? null : times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
                        await ctx.Response.WriteAsJsonAsync(new { count = times.Count, p50 = Q(.5), p95 = Q(.95), p99 = Q(.99) });
                        break;
                    case "/memory":
                        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                        GC.WaitForPendingFinalizers();
                        GC.Collect();
                        using (var self = System.Diagnostics.Process.GetCurrentProcess())
                            await ctx.Response.WriteAsJsonAsync(new { heap = GC.GetTotalMemory(false), workingSet = self.WorkingSet64 });
                        break;
                    case "/ws":
                        await services.GetRequiredService<BareSockets>().AcceptAsync(ctx);
                        break;
                    default:
                        ctx.Response.StatusCode = 404;
                        break;
                }
            }));
            next(app);
        };
    }
}
