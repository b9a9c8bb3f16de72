using IdeaHub.LlamaCpp.Configuration;
using IdeaHub.Web.Data;
using IdeaHub.Web.Duplicates;
using IdeaHub.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IdeaHub.Bench.Duplicates;

/// <summary>A throwaway PostgreSQL cluster with the app's migrations and the duplicates services wired by hand.</summary>
internal sealed class BenchDb : IAsyncDisposable
{
    public required EmbeddedPostgres Postgres { get; init; }
    public required string Directory { get; init; }
    public required string ConnectionString { get; init; }
    public required DuplicatesData Data { get; init; }
    public required EmbedderCatalog Catalog { get; init; }
    public required DuplicateIndex Index { get; init; }
    public required SimilarityScorer Scorer { get; init; }

    public static async Task<BenchDb> StartAsync(string name, DuplicateOptions options, string? directory = null)
    {
        var dir = directory ?? Path.Combine(Path.GetTempPath(), $"ideahub-{name}-{Environment.ProcessId}");
        var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dir, Ephemeral = true }, NullLogger.Instance);
        var cs = await pg.CreateDatabaseAsync($"{name}_{Guid.NewGuid():N}"[..30]);
        await SqlMigrator.MigrateAsync(cs, NullLogger.Instance);
        var data = new DuplicatesData(Options.Create(new DatabaseInfo { ConnectionString = cs }));
        var opts = Options.Create(options);
        var catalog = new EmbedderCatalog(data, new LexicalEmbedder(), new LexicalV2Embedder(), [], AiModels.Create(new AiOptions()));
        var stats = new TermStatistics(data);
        return new BenchDb
        {
            Postgres = pg, Directory = dir, ConnectionString = cs, Data = data, Catalog = catalog,
            Index = new DuplicateIndex(data, catalog, stats, opts, NullLogger<DuplicateIndex>.Instance),
            Scorer = new SimilarityScorer(new SimilarCandidates(data), catalog, stats, new ProposalEmbeddings(DbScopes(cs)), opts),
        };
    }

    /// <summary>The app's DbContext (with Pgvector's mapping) for the services that read through EF.</summary>
    private static IServiceScopeFactory DbScopes(string cs)
    {
        var services = new ServiceCollection();
        services.AddDbContext<IdeaHubDb>(o => o.UseNpgsql(cs, n => n.UseVector()).UseSnakeCaseNamingConvention());
        services.AddHttpContextAccessor();
        services.AddScoped<TenantContext>();
        return services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
    }

    /// <summary>Runs the embedding queue until it is empty.</summary>
    public async Task DrainQueueAsync()
    {
        while (await Index.RunOnceAsync() > 0) { }
    }

    public async ValueTask DisposeAsync()
    {
        Data.Dispose();
        await Postgres.StopAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

internal static class Progress
{
    /// <summary>A one-line text progress bar on stderr, so stdout stays clean for results.</summary>
    public static void Bar(string label, long done, long total)
    {
        if (done != total && done % Math.Max(1, total / 100) != 0) return;
        var width = 30;
        var filled = (int)(width * done / Math.Max(1, total));
        Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total}");
        if (done == total) Console.Error.WriteLine();
    }
}
