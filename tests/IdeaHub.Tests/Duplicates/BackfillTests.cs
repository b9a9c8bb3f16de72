using System.Net;
using System.Net.Http.Json;
using IdeaHub.Web.Duplicates;

namespace IdeaHub.Tests.Duplicates;

public sealed class BackfillTests(DuplicatesApp app) : IClassFixture<DuplicatesApp>
{
    private const string Body = "Warga menunggu lama di loket puskesmas; kami membuat antrean online lewat ponsel dengan notifikasi giliran.";

    [Fact]
    public async Task Search_stays_on_the_old_embedder_until_the_backfill_completes_and_never_mixes_embedders()
    {
        var a = await app.ProposalAsync("dinkes", "Antrean online puskesmas", Body);
        var b = await app.ProposalAsync("diskominfo", "Pendaftaran berobat daring", Body);
        await app.DrainAsync();
        using var admin = await app.ClientAsAsync("operator");
        using var asn = await app.ClientAsAsync("asn.dinkes");

        var start = await admin.PostAsync($"/api/admin/embedders/{TinyEmbedder.Id}/backfill", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var status = await admin.GetFromJsonAsync<DuplicatesAdminApi.EmbeddersView>("/api/admin/embedders");
        Assert.Equal("lexical-v2", status!.Active);
        var tiny = status.Embedders.Single(e => e.Id == TinyEmbedder.Id);
        Assert.Equal(("backfilling", 0L), (tiny.State, tiny.Embedded));
        Assert.Equal(tiny.Proposals, tiny.Pending);

        // Half-way: search still uses (and only uses) the lexical vectors.
        var index = app.Service<DuplicateIndex>();
        await index.ProcessAsync(await index.ClaimAsync(1));
        Assert.False(await app.Service<EmbedderCatalog>().PromoteCompletedAsync());
        var during = await asn.GetFromJsonAsync<SimilarResult>($"/api/proposals/{a}/similar");
        Assert.Equal(("lexical-v2", "lexical"), (during!.Embedder, during.EmbedderKind));
        Assert.Contains(during.SamePemkab, m => m.ProposalId == b && m.Signals.Contains("vector"));

        await app.DrainAsync();
        Assert.True(await app.Service<EmbedderCatalog>().PromoteCompletedAsync());
        status = await admin.GetFromJsonAsync<DuplicatesAdminApi.EmbeddersView>("/api/admin/embedders");
        Assert.Equal(TinyEmbedder.Id, status!.Active);
        Assert.Equal("retired", status.Embedders.Single(e => e.Id == "lexical-v2").State);
        var after = await asn.GetFromJsonAsync<SimilarResult>($"/api/proposals/{a}/similar");
        Assert.Equal(TinyEmbedder.Id, after!.Embedder);

        // A proposal that has only a lexical vector is never compared with tiny vectors: its vector signal is absent.
        var c = await app.ProposalAsync("dukcapil", "Antrean online puskesmas kecamatan", Body);
        await using (var cmd = app.Service<DuplicatesData>().Source.CreateCommand($"""
            DELETE FROM embedding_job WHERE proposal_id = '{c}';
            INSERT INTO proposal_embedding (proposal_id, embedder_id, pemkab_id, content_hash, dims, embedding)
            SELECT p.id, 'lexical-v2', p.pemkab_id, p.content_hash, 384, e.embedding FROM proposal p, proposal_embedding e
            WHERE p.id = '{c}' AND e.proposal_id = '{a}' AND e.embedder_id = 'lexical-v2';
            INSERT INTO proposal_terms (proposal_id, content_hash, terms, weights, surface, title_terms)
            SELECT '{c}', p.content_hash, t.terms, t.weights, t.surface, t.title_terms FROM proposal p, proposal_terms t
            WHERE p.id = '{c}' AND t.proposal_id = '{a}';
            """))
            await cmd.ExecuteNonQueryAsync();
        var mixed = await asn.GetFromJsonAsync<SimilarResult>($"/api/proposals/{a}/similar");
        var cMatch = Assert.Single(mixed!.SamePemkab, m => m.ProposalId == c);
        Assert.Equal(0, cMatch.Vector);
        Assert.DoesNotContain("vector", cMatch.Signals);
        var expected = await app.Tiny.GenerateAsync([DuplicateIndex.ComposeText("Antrean online puskesmas", Body, Body, ""),
            DuplicateIndex.ComposeText("Pendaftaran berobat daring", Body, Body, "")]);
        var cosine = expected[0].Vector.Span.ToArray().Zip(expected[1].Vector.Span.ToArray()).Sum(x => x.First * x.Second);
        Assert.Equal(cosine, Assert.Single(mixed.SamePemkab, m => m.ProposalId == b).Vector, 3);
    }

    [Fact]
    public async Task Only_the_deployment_operator_sees_and_starts_backfills_not_a_pemkab_admin()
    {
        foreach (var user in new[] { "reviewer", "admin", "admin.bintan" })
        {
            using var client = await app.ClientAsAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/embedders")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/admin/embedders/{TinyEmbedder.Id}/backfill", null)).StatusCode);
        }
        using var op = await app.ClientAsAsync("operator");
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/api/admin/embedders")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsync("/api/admin/embedders/no-such-model/backfill", null)).StatusCode);
        // A Pemkab admin can neither list nor take over the operator account.
        using var admin = await app.ClientAsAsync("admin");
        var users = await admin.GetStringAsync("/api/admin/users?q=operator");
        Assert.DoesNotContain("\"operator\"", users);
    }
}
