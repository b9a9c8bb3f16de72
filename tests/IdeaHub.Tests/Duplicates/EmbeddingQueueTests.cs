using IdeaHub.Web.Duplicates;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Duplicates;

public sealed class EmbeddingQueueTests(DuplicatesApp app) : IClassFixture<DuplicatesApp>
{
    private async Task<T> Scalar<T>(string sql, Guid id)
    {
        await using var cmd = app.Service<DuplicatesData>().Source.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private Task<long> Jobs(Guid id, string embedder = "lexical-v2") =>
        Scalar<long>($"SELECT count(*) FROM embedding_job WHERE proposal_id = @id AND embedder_id = '{embedder}'", id);

    [Fact]
    public async Task Saving_a_proposal_queues_it_and_the_worker_embeds_each_revision_once()
    {
        var id = await app.ProposalAsync("dinkes", "Antrean online puskesmas", "Pasien menunggu lama di loket pendaftaran puskesmas.");
        Assert.Equal(1, await Jobs(id));
        await app.DrainAsync();
        Assert.Equal(384, await Scalar<int>("SELECT vector_dims(embedding) FROM proposal_embedding WHERE proposal_id = @id AND embedder_id = 'lexical-v2'", id));

        // A status change is not a content change; asking again for the same content is a no-op.
        await app.WithDbAsync(async db => await db.Set<Proposal>().Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalStatus.InReview)));
        await app.Service<DuplicateIndex>().EnqueueAsync(id);
        await app.Service<DuplicateIndex>().SweepAsync();
        Assert.Equal(1, await Jobs(id));

        await app.WithDbAsync(async db => await db.Set<Proposal>().Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Title, "Antrean daring puskesmas")));
        Assert.Equal(2, await Jobs(id));
        await app.DrainAsync();
        Assert.Equal("done", await Scalar<string>("SELECT string_agg(DISTINCT state, ',') FROM embedding_job WHERE proposal_id = @id", id));
        Assert.Equal(await Scalar<string>("SELECT content_hash FROM proposal WHERE id = @id", id),
            await Scalar<string>("SELECT content_hash FROM proposal_embedding WHERE proposal_id = @id", id));
    }

    [Fact]
    public async Task Jobs_of_a_worker_that_died_mid_batch_are_picked_up_after_the_lease_and_embedded_once()
    {
        var id = await app.ProposalAsync("disdik", "Perpustakaan keliling desa", "Mobil buku berkeliling ke sekolah dasar di desa terpencil.");
        var index = app.Service<DuplicateIndex>();
        var claimed = await index.ClaimAsync(100);
        Assert.Contains(claimed, j => j.ProposalId == id);
        // The "crashed" worker never completes; until its lease runs out nobody else takes the job.
        Assert.DoesNotContain(await index.ClaimAsync(100), j => j.ProposalId == id);
        await using (var cmd = app.Service<DuplicatesData>().Source.CreateCommand("UPDATE embedding_job SET locked_until = now() - interval '1 second' WHERE state = 'running'"))
            await cmd.ExecuteNonQueryAsync();

        await app.DrainAsync();
        Assert.Equal(2, await Scalar<int>("SELECT attempts FROM embedding_job WHERE proposal_id = @id AND embedder_id = 'lexical-v2'", id));
        Assert.Equal("done", await Scalar<string>("SELECT state FROM embedding_job WHERE proposal_id = @id AND embedder_id = 'lexical-v2'", id));
        Assert.Equal(1L, await Scalar<long>("SELECT count(*) FROM proposal_embedding WHERE proposal_id = @id", id));
    }

    [Fact]
    public async Task A_failing_embedder_is_retried_with_backoff_then_succeeds_and_never_embeds_twice()
    {
        var id = await app.ProposalAsync("dukcapil", "Akta kelahiran terbit di rumah sakit", "Bayi pulang membawa akta kelahiran dan kartu identitas anak.");
        await app.DrainAsync();
        app.Tiny.FailuresLeft = 1;
        await app.Service<EmbedderCatalog>().StartBackfillAsync(app.Service<EmbedderCatalog>().Find(TinyEmbedder.Id)!);
        await app.DrainAsync();

        Assert.Equal("pending", await Scalar<string>("SELECT state FROM embedding_job WHERE proposal_id = @id AND embedder_id = 'tiny-v1'", id));
        Assert.Contains("model server unavailable", await Scalar<string>("SELECT last_error FROM embedding_job WHERE proposal_id = @id AND embedder_id = 'tiny-v1'", id));
        Assert.True(await Scalar<bool>("SELECT next_attempt_at > now() FROM embedding_job WHERE proposal_id = @id AND embedder_id = 'tiny-v1'", id));

        await using (var cmd = app.Service<DuplicatesData>().Source.CreateCommand("UPDATE embedding_job SET next_attempt_at = now() WHERE state = 'pending'"))
            await cmd.ExecuteNonQueryAsync();
        await app.DrainAsync();
        Assert.Equal("done", await Scalar<string>("SELECT state FROM embedding_job WHERE proposal_id = @id AND embedder_id = 'tiny-v1'", id));

        await app.Service<DuplicateIndex>().EnqueueAsync(id);
        await app.Service<DuplicateIndex>().SweepAsync();
        await app.DrainAsync();
        Assert.All(app.Tiny.Embedded.Values, n => Assert.Equal(1, n));
        Assert.Equal(1L, await Jobs(id, TinyEmbedder.Id));
    }
}
