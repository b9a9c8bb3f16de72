using Microsoft.Extensions.Options;

namespace IdeaHub.Web.Duplicates;

/// <summary>
/// Drains the embedding queue in the background. Safe with several app instances (SKIP LOCKED); after a crash the
/// lease brings unfinished jobs back. Also starts a backfill when the configured embedder is not the active one.
/// </summary>
internal sealed class EmbeddingWorker(DuplicateIndex index, EmbedderCatalog catalog, IOptions<DuplicateOptions> options, ILogger<EmbeddingWorker> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.RunWorker) return;
        await Task.Yield();
        var configured = false;
        var lastSweep = DateTimeOffset.MinValue;
        var lastProgress = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Inside the retry loop: a database that is briefly unreachable at start must not stop the host.
                if (!configured)
                {
                    await EnsureConfiguredEmbedderAsync(o, stoppingToken);
                    configured = true;
                }
                if (DateTimeOffset.UtcNow - lastSweep > o.SweepEvery)
                {
                    lastSweep = DateTimeOffset.UtcNow;
                    var swept = await index.SweepAsync(stoppingToken);
                    if (swept > 0) log.LogInformation("Queued {Count} proposals without a current vector", swept);
                }
                var claimed = await index.RunOnceAsync(stoppingToken);
                if (claimed > 0)
                {
                    if (await catalog.PromoteCompletedAsync(stoppingToken)) log.LogInformation("Backfill complete; search switched embedder");
                    else if (DateTimeOffset.UtcNow - lastProgress > ProgressEvery)
                    {
                        lastProgress = DateTimeOffset.UtcNow;
                        await LogBackfillProgressAsync(stoppingToken);
                    }
                }
                else await Task.Delay(o.IdlePoll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
            {
                log.LogWarning(e, "Embedding worker iteration failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    /// <summary>The same figures as GET /api/admin/embedders, in the log while a backfill runs.</summary>
    private async Task LogBackfillProgressAsync(CancellationToken ct)
    {
        foreach (var s in (await catalog.StatesAsync(ct)).Where(s => s.State == "backfilling"))
            log.LogInformation("Backfilling {Embedder}: {Embedded}/{Proposals} proposals embedded, {Pending} pending, {Failed} failed",
                s.Id, s.Embedded, s.Proposals, s.Pending, s.Failed);
    }

    private async Task EnsureConfiguredEmbedderAsync(DuplicateOptions o, CancellationToken ct)
    {
        var active = await catalog.ActiveAsync(ct);
        if (active.Id == o.Embedder) return;
        if (catalog.Find(o.Embedder) is not { } wanted)
        {
            log.LogWarning("Configured embedder {Embedder} is not available; search stays on {Active}", o.Embedder, active.Id);
            return;
        }
        var states = await catalog.StatesAsync(ct);
        if (states.Any(s => s.Id == wanted.Id && s.State == "backfilling")) return;
        log.LogInformation("Backfilling embeddings for {Embedder}; search keeps using {Active} until complete", wanted.Id, active.Id);
        await catalog.StartBackfillAsync(wanted, ct);
    }
}
