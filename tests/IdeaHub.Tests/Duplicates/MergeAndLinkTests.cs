using System.Net;
using System.Net.Http.Json;
using IdeaHub.Web.Duplicates;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Duplicates;

public sealed class MergeAndLinkTests(DuplicatesApp app) : IClassFixture<DuplicatesApp>
{
    private async Task VoteAsync(Guid proposal, string kepalaOpd)
    {
        var voter = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == $"kepala.{kepalaOpd}"));
        await app.WithDbAsync(async db =>
        {
            db.Add(new Vote { PemkabId = voter.PemkabId, ProposalId = proposal, VoterId = voter.Id, VoterOpdId = voter.OpdId!.Value, Support = true, Month = "2026-11" });
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Reviewer_merges_a_duplicate_votes_and_comments_move_one_vote_per_voter_and_the_author_is_told()
    {
        var original = await app.ProposalAsync("dinkes", "Antrean online puskesmas", "Pasien mendaftar berobat dari rumah.");
        var duplicate = await app.ProposalAsync("diskominfo", "Pendaftaran berobat daring", "Warga mendaftar ke puskesmas lewat ponsel.");
        await VoteAsync(original, "disdik");
        await VoteAsync(duplicate, "disdik");   // already voted on the original: keeps that one
        await VoteAsync(duplicate, "dukcapil"); // moves
        await VoteAsync(duplicate, "dinkes");   // the original's own OPD head may not vote on it: dropped
        var asnId = await app.UserIdAsync("asn.diskominfo");
        await app.WithDbAsync(async db =>
        {
            db.Add(new Comment { PemkabId = (await db.Pemkabs.SingleAsync(p => p.Code == "kab-tegal")).Id, ProposalId = duplicate, AuthorId = asnId, Body = "Mohon masukan." });
            return await db.SaveChangesAsync();
        });

        using var asn = await app.ClientAsAsync("asn.dinkes");
        using var kepala = await app.ClientAsAsync("kepala.dinkes");
        Assert.Equal(HttpStatusCode.NotFound, (await asn.PostAsJsonAsync($"/api/proposals/{duplicate}/merge", new { otherId = original })).StatusCode);
        var forbidden = await kepala.PostAsJsonAsync($"/api/proposals/{duplicate}/merge", new { otherId = original });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);

        using var reviewer = await app.ClientAsAsync("reviewer");
        var merged = await reviewer.PostAsJsonAsync($"/api/proposals/{duplicate}/merge", new { otherId = original, note = "Ide sama dengan Dinkes." });
        Assert.Equal(HttpStatusCode.NoContent, merged.StatusCode);

        var (votes, comments, dup) = await app.WithDbAsync(async db => (
            await db.Set<Vote>().Where(v => v.ProposalId == original || v.ProposalId == duplicate).Select(v => new { v.ProposalId, v.VoterOpdId }).ToListAsync(),
            await db.Set<Comment>().Where(c => c.ProposalId == original).CountAsync(),
            await db.Set<Proposal>().SingleAsync(p => p.Id == duplicate)));
        Assert.Equal(2, votes.Count);
        Assert.All(votes, v => Assert.Equal(original, v.ProposalId));
        Assert.Equal(1, comments);
        Assert.Equal((original, ProposalStatus.Archived), (dup.MergedIntoId, dup.Status));
        var told = Assert.Single(app.Events, e => e.ProposalId == duplicate && e.Kind == ProposalEventKinds.DuplicateFlagged);
        Assert.Contains("Ide sama dengan Dinkes.", System.Text.Json.JsonSerializer.Serialize(told.Payload));

        // Merged proposals leave the similar lists, and cannot be merged again (archived: nobody but its team sees it).
        var similar = await asn.GetFromJsonAsync<SimilarResult>($"/api/proposals/{original}/similar");
        Assert.DoesNotContain(similar!.SamePemkab, m => m.ProposalId == duplicate);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostAsJsonAsync($"/api/proposals/{duplicate}/merge", new { otherId = original })).StatusCode);
    }

    [Fact]
    public async Task Kepala_opd_links_own_proposals_as_related_both_ways_but_not_others()
    {
        var a = await app.ProposalAsync("dispar", "Kalender event budaya", "Agenda festival budaya tahunan.");
        var b = await app.ProposalAsync("diskominfo", "Aplikasi jadwal pertunjukan seni", "Agenda pertunjukan seni daring.");
        using var outsider = await app.ClientAsAsync("kepala.pupr");
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/proposals/{a}/related", new { otherId = b })).StatusCode);
        using var kepala = await app.ClientAsAsync("kepala.dispar");
        Assert.Equal(HttpStatusCode.NoContent, (await kepala.PostAsJsonAsync($"/api/proposals/{a}/related", new { otherId = b })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kepala.PostAsJsonAsync($"/api/proposals/{b}/merge", new { otherId = a })).StatusCode);

        var fromA = await kepala.GetFromJsonAsync<List<ProposalLinkView>>($"/api/proposals/{a}/links");
        var fromB = await kepala.GetFromJsonAsync<List<ProposalLinkView>>($"/api/proposals/{b}/links");
        Assert.Equal((b, "related"), (Assert.Single(fromA!).OtherId, fromA![0].Kind));
        Assert.Equal((a, "related"), (Assert.Single(fromB!).OtherId, fromB![0].Kind));
    }

    [Fact]
    public async Task Another_pemkabs_proposal_cannot_be_linked_or_merged()
    {
        var ours = await app.ProposalAsync("dinkes", "Home care lansia", "Perawat mengunjungi lansia di rumah.");
        var theirs = await app.ProposalAsync("dinkes", "Home care lansia Bintan", "Perawat mengunjungi lansia di rumah.", pemkab: "kab-bintan");
        using var reviewer = await app.ClientAsAsync("reviewer");
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostAsJsonAsync($"/api/proposals/{ours}/merge", new { otherId = theirs })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostAsJsonAsync($"/api/proposals/{ours}/related", new { otherId = theirs })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/proposals/{theirs}/links")).StatusCode);
    }

    [Fact]
    public async Task The_author_joins_an_existing_proposal_or_confirms_the_draft_is_different()
    {
        var existing = await app.ProposalAsync("dinsos", "Bansos non-tunai kode QR", "Kartu QR penerima bantuan.", ProposalStatus.ApprovedForTrial);
        var draft = await app.ProposalAsync("dishub", "Kartu digital penerima bantuan", "Pindai kartu saat pembagian.", ProposalStatus.Draft);
        var other = await app.ProposalAsync("dishub", "Parkir elektronik", "Bayar parkir dengan QRIS.", ProposalStatus.Draft);
        using var stranger = await app.ClientAsAsync("asn.dinkes");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/proposals/{draft}/join", new { otherId = existing })).StatusCode);
        using var author = await app.ClientAsAsync("asn.dishub");
        Assert.Equal(HttpStatusCode.NoContent, (await author.PostAsJsonAsync($"/api/proposals/{other}/distinct", new { otherId = existing })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await author.PostAsJsonAsync($"/api/proposals/{draft}/join", new { otherId = existing })).StatusCode);
        var joined = await app.WithDbAsync(db => db.Set<Proposal>().SingleAsync(p => p.Id == draft));
        Assert.Equal(existing, joined.MergedIntoId);
        Assert.Equal("distinct", Assert.Single((await author.GetFromJsonAsync<List<ProposalLinkView>>($"/api/proposals/{other}/links"))!).Kind);
    }
    /// <summary>Issue #11.3: join, merge and link obey the lifecycle table and the visibility rule.</summary>
    [Fact]
    public async Task Join_merge_and_link_obey_the_lifecycle_and_visibility_and_the_untouched_draft_can_be_deleted()
    {
        var inReview = await app.ProposalAsync("dispar", "Wisata desa terpadu", "Paket wisata desa dengan pemandu lokal.");
        await VoteAsync(inReview, "pupr");
        var otherDraft = await app.ProposalAsync("rsud", "Draf pribadi RSUD", "Belum boleh dibaca siapa pun.", ProposalStatus.Draft);
        var revision = await app.ProposalAsync("dishub", "Halte pintar", "Jadwal bus di halte.", ProposalStatus.NeedsRevision);
        var approved = await app.ProposalAsync("dinsos", "Dapur umum digital", "Pendataan dapur umum.", ProposalStatus.ApprovedForTrial);

        using var author = await app.ClientAsAsync("asn.dispar");
        Assert.Equal(HttpStatusCode.NotFound, (await author.PostAsJsonAsync($"/api/proposals/{inReview}/join", new { otherId = otherDraft })).StatusCode);
        // Only a draft joins: an InReview proposal is not archived by its author.
        Assert.Equal(HttpStatusCode.Forbidden, (await author.PostAsJsonAsync($"/api/proposals/{inReview}/join", new { otherId = approved })).StatusCode);
        using var reviewer = await app.ClientAsAsync("reviewer");
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostAsJsonAsync($"/api/proposals/{otherDraft}/merge", new { otherId = inReview })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.PostAsJsonAsync($"/api/proposals/{inReview}/merge", new { otherId = otherDraft })).StatusCode);
        using var admin = await app.ClientAsAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/proposals/{revision}/merge", new { otherId = approved })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/proposals/{revision}/related", new { otherId = approved })).StatusCode);
        // Approved work is not archived by a merge (the lifecycle has no such move).
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync($"/api/proposals/{approved}/merge", new { otherId = inReview })).StatusCode);

        var (status, votes, draftStatus) = await app.WithDbAsync(async db => (
            await db.Set<Proposal>().Where(p => p.Id == inReview).Select(p => p.Status).SingleAsync(),
            await db.Set<Vote>().CountAsync(v => v.ProposalId == inReview),
            await db.Set<Proposal>().Where(p => p.Id == otherDraft).Select(p => p.Status).SingleAsync()));
        Assert.Equal((ProposalStatus.InReview, 1, ProposalStatus.Draft), (status, votes, draftStatus));

        using var draftAuthor = await app.ClientAsAsync("asn.rsud");
        var version = await app.WithDbAsync(db => db.Set<Proposal>().Where(p => p.Id == otherDraft).Select(p => p.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await draftAuthor.DeleteAsync($"/api/proposals/{otherDraft}?version={version}")).StatusCode);
    }

    /// <summary>Issue #11.7: the links of a proposal need sight of it, and linked proposals the reader may not open show no title.</summary>
    [Fact]
    public async Task Links_need_sight_of_the_proposal_and_hide_the_titles_of_unopenable_ones()
    {
        var a = await app.ProposalAsync("dukcapil", "KTP keliling desa", "Perekaman KTP di desa.");
        var b = await app.ProposalAsync("disdik", "Sekolah keliling", "Guru datang ke desa terpencil.", ProposalStatus.ApprovedForTrial);
        using var head = await app.ClientAsAsync("kepala.dukcapil");
        Assert.Equal(HttpStatusCode.NoContent, (await head.PostAsJsonAsync($"/api/proposals/{a}/related", new { otherId = b })).StatusCode);
        await app.WithDbAsync(db => db.Set<Proposal>().Where(p => p.Id == a)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, ProposalStatus.NeedsRevision)));

        using var asn = await app.ClientAsAsync("asn.disdik");
        Assert.Equal(HttpStatusCode.NotFound, (await asn.GetAsync($"/api/proposals/{a}/links")).StatusCode);
        var fromB = (await asn.GetFromJsonAsync<List<ProposalLinkView>>($"/api/proposals/{b}/links"))!;
        var link = Assert.Single(fromB);
        Assert.True(link.Restricted);
        Assert.Equal("", link.OtherTitle);
        Assert.Equal("Dinas Kependudukan dan Pencatatan Sipil", link.OtherOpd);
    }
}
