using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp.Tests;

public sealed class EmbeddingTests(BertFixture fx) : IClassFixture<BertFixture>
{
    private static readonly string[] Texts =
    [
        "Perbaikan jalan desa yang rusak",
        "Layanan kesehatan keliling untuk lansia",
        "Perbaikan jalan desa yang rusak",
        "Digitalisasi perizinan usaha mikro di kecamatan",
        "Sekolah",
        "Pelatihan petani muda tentang irigasi tetes dan pemasaran hasil panen secara daring",
    ];

    [Fact]
    public async Task Vectors_have_the_model_dimension_unit_norm_and_mean_pooling()
    {
        var result = await fx.Generator.GenerateAsync(Texts);

        Assert.Equal(LlamaPoolingType.Mean, fx.Generator.Pooling);
        Assert.Equal(Texts.Length, result.Count);
        Assert.All(result, e =>
        {
            Assert.Equal(64, e.Vector.Length);
            Assert.Equal(1.0, Math.Sqrt(e.Vector.ToArray().Sum(x => (double)x * x)), 4);
        });
        Assert.Equal(64, fx.Generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }

    [Fact]
    public async Task Identical_texts_have_cosine_one_and_different_texts_less()
    {
        var result = await fx.Generator.GenerateAsync(Texts);

        Assert.Equal(1.0, Cosine(result[0], result[2]), 5);
        Assert.True(Cosine(result[0], result[1]) < 0.999);
    }

    [Fact]
    public async Task Results_are_deterministic_and_batching_does_not_change_them()
    {
        var batched = await fx.Generator.GenerateAsync(Texts);
        var again = await fx.Generator.GenerateAsync(Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            var single = await fx.Generator.GenerateVectorAsync(Texts[i]);
            Assert.Equal(batched[i].Vector.ToArray(), again[i].Vector.ToArray());
            Assert.Equal(1.0, Cosine(batched[i].Vector.ToArray(), single.ToArray()), 4);
        }
    }

    [Fact]
    public async Task Input_longer_than_the_context_is_a_clear_error()
    {
        var text = string.Concat(Enumerable.Repeat("jalan rusak ", 600));
        await Assert.ThrowsAsync<LlamaContextOverflowException>(() => fx.Generator.GenerateAsync([text]));
    }

    [Fact]
    public void A_bert_model_is_refused_for_chat()
    {
        using var model = LlamaModel.Load(fx.Path);
        Assert.True(model.IsEncoderOnly);
        Assert.Throws<LlamaModelRoleException>(() => new LlamaScheduler(model));
    }

    private static double Cosine(Embedding<float> a, Embedding<float> b) => Cosine(a.Vector.ToArray(), b.Vector.ToArray());

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
