using System.Net.Http.Json;
using IdeaHub.Web.Duplicates;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Duplicates;

/// <summary>proposal_embedding through Pgvector: EF reads Vector values, and search binds them as parameters.</summary>
public sealed class StoredVectorTests(DuplicatesApp app) : IClassFixture<DuplicatesApp>
{
    private const string Body = "Warga menunggu lama di loket puskesmas; kami membuat antrean online lewat ponsel dengan notifikasi giliran.";

    [Fact]
    public async Task Searching_from_a_stored_proposal_reuses_its_stored_vector_instead_of_embedding_it_again()
    {
        var a = await app.ProposalAsync("dinkes", "Antrean online puskesmas", Body);
        var b = await app.ProposalAsync("diskominfo", "Pendaftaran berobat daring", Body);
        var catalog = app.Service<EmbedderCatalog>();
        await catalog.StartBackfillAsync(catalog.Find(TinyEmbedder.Id)!);
        await app.DrainAsync();
        Assert.True(await catalog.PromoteCompletedAsync());
        var textA = DuplicateIndex.ComposeText("Antrean online puskesmas", Body, Body, "");
        Assert.Equal(1, app.Tiny.Embedded[textA]);

        using var asn = await app.ClientAsAsync("asn.dinkes");
        var result = await asn.GetFromJsonAsync<SimilarResult>($"/api/proposals/{a}/similar");

        Assert.Equal(TinyEmbedder.Id, result!.Embedder);
        Assert.Contains(result.SamePemkab, m => m.ProposalId == b && m.Vector > 0.9);
        Assert.Equal(1, app.Tiny.Embedded[textA]);
    }

    [Fact]
    public async Task The_content_hash_computed_in_CSharp_equals_the_generated_column_and_EF_reads_the_Vector()
    {
        const string title = "Sistem informasi posyandu", goals = "Cakupan imunisasi naik 10% — tercatat rapi";
        var id = await app.ProposalAsync("dinkes", title, Body);
        await app.DrainAsync();
        var (dbHash, row) = await app.WithDbAsync(async db => (
            await db.Database.SqlQuery<string>($"SELECT content_hash AS \"Value\" FROM proposal WHERE id = {id}").SingleAsync(),
            await db.Set<ProposalEmbedding>().SingleAsync(e => e.ProposalId == id && e.EmbedderId == LexicalV2Embedder.Id)));
        Assert.Equal(dbHash, DuplicateIndex.ContentHash(title, Body, Body, ""));
        Assert.Equal(dbHash, row.ContentHash);
        Assert.Equal(LexicalV2Embedder.Dimensions, row.Embedding.ToArray().Length);
        var expected = LexicalV2Embedder.Embed(DuplicateIndex.ComposeText(title, Body, Body, ""));
        Assert.Equal(expected, row.Embedding.ToArray());
        Assert.NotEqual(DuplicateIndex.ContentHash(title, Body, Body, goals), dbHash);
    }
}
