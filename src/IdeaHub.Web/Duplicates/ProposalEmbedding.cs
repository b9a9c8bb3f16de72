using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pgvector;

namespace IdeaHub.Web.Duplicates;

/// <summary>A proposal's vector under one embedder, for the content it had then (written by <see cref="DuplicateIndex"/>).</summary>
public sealed class ProposalEmbedding
{
    public Guid ProposalId { get; set; }
    public string EmbedderId { get; set; } = "";
    public Guid PemkabId { get; set; }
    public string ContentHash { get; set; } = "";
    public int Dims { get; set; }
    public Vector Embedding { get; set; } = null!;
    public DateTimeOffset EmbeddedAt { get; set; }
}

internal sealed class ProposalEmbeddingConfiguration : IEntityTypeConfiguration<ProposalEmbedding>
{
    public void Configure(EntityTypeBuilder<ProposalEmbedding> b)
    {
        // Dimension-less column: each embedder has its own dimension, and its partial HNSW index casts to it.
        b.ToTable("proposal_embedding");
        b.HasKey(e => new { e.ProposalId, e.EmbedderId });
        b.Property(e => e.Embedding).HasColumnType("vector");
    }
}

/// <summary>Simple vector reads through EF with Pgvector's <see cref="Vector"/> mapping; the hybrid search stays SQL (<see cref="SimilarCandidates"/>).</summary>
public sealed class ProposalEmbeddings(IServiceScopeFactory scopes)
{
    /// <summary>The stored vector of a proposal's current content (so a stored proposal is not embedded again to search).</summary>
    public async Task<float[]?> StoredAsync(Guid proposalId, string embedderId, string contentHash, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdeaHubDb>();
        var v = await db.Set<ProposalEmbedding>().AsNoTracking()
            .Where(e => e.ProposalId == proposalId && e.EmbedderId == embedderId && e.ContentHash == contentHash)
            .Select(e => e.Embedding).FirstOrDefaultAsync(ct);
        return v?.ToArray();
    }
}
