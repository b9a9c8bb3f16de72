using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdeaHub.Web.Duplicates;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Tests.Duplicates;

public sealed class SimilarApiTests(DuplicatesApp app) : IClassFixture<DuplicatesApp>, IAsyncLifetime
{
    private Guid _submitted, _draftOtherOpd, _priorArt, _bintanDraft, _unrelated;

    public async Task InitializeAsync()
    {
        _submitted = await app.ProposalAsync("dinkes", "Antrean Online Puskesmas",
            "Pasien puskesmas menunggu lama karena harus datang pagi mengambil nomor antrean. Aplikasi antrean online di ponsel: pasien memilih poli dan jam kedatangan lalu mendapat nomor antrean.");
        _draftOtherOpd = await app.ProposalAsync("kec-slawi", "Daftar berobat dari rumah",
            "Warga mengantre di loket puskesmas sejak subuh demi nomor antrean kecil. Pendaftaran online lewat ponsel: pasien memilih poli, mendapat nomor antrean dan pemberitahuan giliran. Anggaran Rp 75 juta.",
            ProposalStatus.Draft);
        _priorArt = await app.ProposalAsync("dinkes", "Antrean online puskesmas Bintan",
            "Pasien puskesmas mengambil nomor antrean online dari ponsel dan datang sesuai jam kedatangan.", ProposalStatus.ApprovedForTrial,
            pemkab: "kab-bintan");
        _bintanDraft = await app.ProposalAsync("dinkes", "Antrean puskesmas daring (draf Bintan)",
            "Pasien puskesmas mengambil nomor antrean online dari ponsel.", ProposalStatus.Draft, pemkab: "kab-bintan");
        _unrelated = await app.ProposalAsync("pupr", "Pemeliharaan drainase padat karya", "Warga membersihkan saluran air yang tersumbat sedimen.");
        await app.DrainAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Similar_to_a_proposal_lists_same_pemkab_duplicates_and_other_pemkabs_as_prior_art()
    {
        using var client = await app.ClientAsAsync("asn.dinkes");
        var res = await client.GetFromJsonAsync<SimilarResult>($"/api/proposals/{_submitted}/similar?k=10");
        Assert.Equal(("lexical-v2", "lexical"), (res!.Embedder, res.EmbedderKind));
        var draft = Assert.Single(res.SamePemkab, m => m.ProposalId == _draftOtherOpd);
        Assert.True(draft.LikelyDuplicate, JsonSerializer.Serialize(draft));
        Assert.True(draft.Restricted);
        Assert.Equal("Kecamatan Slawi", draft.OpdName);
        Assert.NotEmpty(draft.Signals);
        // Another OPD's draft the reader may not open: no title, stage or word of it (#11.7).
        Assert.Equal(("", "", 0), (draft.Title, draft.Stage, draft.SharedTerms.Count));
        Assert.DoesNotContain(res.SamePemkab, m => m.ProposalId == _unrelated && m.LikelyDuplicate);
        Assert.DoesNotContain(res.SamePemkab, m => m.ProposalId == _submitted);

        var prior = Assert.Single(res.PriorArt, m => m.ProposalId == _priorArt);
        Assert.Equal("Kabupaten Bintan", prior.PemkabName);
        Assert.False(prior.LikelyDuplicate);
        // Shared words are shown as the other author wrote them: whole words, no stems.
        Assert.Contains(prior.SharedTerms, t => t is "Antrean" or "antrean");
        Assert.DoesNotContain(prior.SharedTerms.Concat(draft.SharedTerms), t => t is "antre" or "layan" or "yang" or "dan");
        Assert.DoesNotContain(res.PriorArt.Concat(res.SamePemkab), m => m.ProposalId == _bintanDraft);
    }

    [Fact]
    public async Task While_drafting_text_finds_the_other_opds_proposal_in_different_words()
    {
        using var client = await app.ClientAsAsync("asn.dukcapil");
        var res = await client.PostAsJsonAsync("/api/similar", new
        {
            title = "Ambil nomor antrean puskesmas lewat HP",
            text = "Pasien tidak perlu datang subuh: nomor antrean puskesmas diambil dari ponsel, pasien memilih poli dan jam kedatangan.",
        });
        res.EnsureSuccessStatusCode();
        var body = await res.Content.ReadFromJsonAsync<SimilarResult>();
        // (Each test of this class adds its own copy of the fixture's proposals: the first match is one of them.)
        var first = body!.SamePemkab[0];
        Assert.Equal(("Dinas Kesehatan", true), (first.OpdName, first.LikelyDuplicate));
        // The dinkes proposal in review is not Dukcapil's to open: it is shown without its title.
        Assert.Equal((true, ""), (first.Restricted, first.Title));
        Assert.Contains("vector", body.SamePemkab[0].Signals);
    }

    [Fact]
    public async Task Bad_input_is_a_validation_problem_in_indonesian_or_english()
    {
        using var client = await app.ClientAsAsync("asn.dinkes");
        var res = await client.PostAsJsonAsync("/api/similar", new { text = "pendek" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var problem = await res.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("minimal 10 karakter", problem.GetProperty("errors").GetProperty("text")[0].GetString());

        var en = await client.PostAsJsonAsync("/api/similar?culture=en-US", new { text = "pendek" });
        Assert.Contains("at least 10", (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/proposals/{_submitted}/similar?k=500")).StatusCode);
    }

    [Fact]
    public async Task Unknown_other_tenant_and_unreadable_drafts_are_404_and_anonymous_is_401()
    {
        using var client = await app.ClientAsAsync("asn.dinkes");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/proposals/{Guid.NewGuid()}/similar")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/proposals/{_priorArt}/similar")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/proposals/{_draftOtherOpd}/similar")).StatusCode);
        using var slawi = await app.ClientAsAsync("asn.kec-slawi");
        Assert.Equal(HttpStatusCode.OK, (await slawi.GetAsync($"/api/proposals/{_draftOtherOpd}/similar")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/similar", new { text = "antrean online puskesmas" })).StatusCode);
    }

    /// <summary>Issue #11.7: another Pemkab gets only what the owner made public, and not a word of anything else.</summary>
    [Fact]
    public async Task Another_pemkab_gets_only_public_prior_art_and_no_word_of_hidden_proposals()
    {
        const string body = "Bank sampah digital: warga menimbang sampah terpilah dan saldo tabungan sampah tercatat di aplikasi.";
        var hidden = new List<Guid>();
        foreach (var status in new[] { ProposalStatus.NeedsRevision, ProposalStatus.Rejected, ProposalStatus.InReview, ProposalStatus.Submitted })
            hidden.Add(await app.ProposalAsync("pupr", $"Bank sampah digital {status}", body + " Kata rahasia zirkonium.", status));
        var approved = await app.ProposalAsync("pupr", "Bank sampah digital terbuka", body, ProposalStatus.ApprovedForTrial);
        await app.DrainAsync();

        using var bintan = await app.ClientAsAsync("asn.bintan.dinkes");
        var res = await bintan.PostAsJsonAsync("/api/similar", new { title = "Bank sampah digital", text = body + " zirkonium" });
        var json = await res.Content.ReadAsStringAsync();
        var result = JsonSerializer.Deserialize<SimilarResult>(json, JsonSerializerOptions.Web)!;
        Assert.Contains(result.PriorArt, m => m.ProposalId == approved);
        Assert.All(result.PriorArt, m => Assert.Contains(m.Status, new[] { "ApprovedForTrial", "Implemented" }));
        Assert.DoesNotContain("zirkonium", json, StringComparison.OrdinalIgnoreCase);
        Assert.All(hidden, id => Assert.DoesNotContain(id.ToString(), json));
    }
}
