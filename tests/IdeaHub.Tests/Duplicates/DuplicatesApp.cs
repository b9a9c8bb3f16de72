using System.Collections.Concurrent;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Duplicates;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Duplicates;

/// <summary>
/// The real app with the background worker off (tests drive the queue), a second small embedder ("tiny-v1",
/// 8 dimensions, can be told to fail) for isolation, retry and backfill tests, and proposal events recorded.
/// </summary>
public class DuplicatesApp : IdeaHubApp
{
    public TinyEmbedder Tiny { get; } = new();
    public ConcurrentQueue<ProposalEvent> Events { get; } = new();

    public DuplicatesApp() => With("Duplicates:RunWorker", "false");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton(new EmbedderInfo(TinyEmbedder.Id, TinyEmbedder.Dims, "lexical (test)", Tiny));
            s.AddScoped<IProposalEvents>(_ => new RecordingEvents(Events));
        });
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task DrainAsync()
    {
        var index = Service<DuplicateIndex>();
        while (await index.RunOnceAsync() > 0) { }
    }

    /// <summary>Creates a proposal authored by asn.&lt;opd&gt; of the Pemkab (through EF, so the queue trigger fires).</summary>
    public Task<Guid> ProposalAsync(string opd, string title, string body, ProposalStatus status = ProposalStatus.InReview, string pemkab = "kab-tegal") =>
        WithDbAsync(async db =>
        {
            var author = await db.Users.SingleAsync(u => u.UserName == (pemkab == "kab-tegal" ? $"asn.{opd}" : $"asn.bintan.{opd}"));
            var p = new Proposal
            {
                PemkabId = author.PemkabId, OpdId = author.OpdId!.Value, AuthorId = author.Id, Title = title, Urusan = "Kesehatan",
                Problem = body, Design = body, Goals = "", Status = status, RevisionNumber = 1,
            };
            db.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        }, pemkab);

    public Task<Guid> UserIdAsync(string userName) => WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private sealed class RecordingEvents(ConcurrentQueue<ProposalEvent> events) : IProposalEvents
    {
        public Task PublishAsync(ProposalEvent e, CancellationToken ct = default)
        {
            events.Enqueue(e);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Deterministic 8-dimensional embedder that counts what it embedded and fails while <see cref="FailuresLeft"/> &gt; 0.</summary>
public sealed class TinyEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string Id = "tiny-v1";
    public const int Dims = 8;
    public int FailuresLeft;
    public ConcurrentDictionary<string, int> Embedded { get; } = new();

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref FailuresLeft) >= 0) throw new InvalidOperationException("model server unavailable");
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var v in values)
        {
            Embedded.AddOrUpdate(v, 1, (_, n) => n + 1);
            var full = LexicalEmbedder.Embed(v);
            var small = Enumerable.Range(0, Dims).Select(i => full.Skip(i * 48).Take(48).Sum()).ToArray();
            var norm = MathF.Sqrt(small.Sum(x => x * x));
            result.Add(new Embedding<float>(small.Select(x => norm == 0 ? 0 : x / norm).ToArray()));
        }
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
