using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp.Tests;

/// <summary>Each failure is a specific exception, and the process keeps serving afterwards.</summary>
[Collection(StoriesCollection.Name)]
public sealed class FailureModeTests(StoriesFixture fx)
{
    [Fact]
    public void Missing_model_file()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => LlamaChatClient.Create("/nonexistent/model.gguf"));
        Assert.Contains("/nonexistent/model.gguf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_model_files()
    {
        var dir = TestPaths.TempDir("corrupt");
        var notGguf = Path.Combine(dir, "not-gguf.gguf");
        await File.WriteAllTextAsync(notGguf, "<html>404 Not Found</html>");
        var truncated = Path.Combine(dir, "truncated.gguf");
        var bytes = await File.ReadAllBytesAsync(TestPaths.Stories260K);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);

        Assert.Throws<LlamaModelLoadException>(() => LlamaModel.Load(notGguf));
        Assert.Throws<LlamaModelLoadException>(() => LlamaModel.Load(truncated));
        await AssertStillServing();
    }

    [Fact]
    public void The_runtime_is_LLamaSharps_bundled_native_library()
    {
        Assert.NotNull(fx.Model);
        var loaded = LlamaBackend.LoadedLibrary;
        Assert.NotNull(loaded);
        Assert.DoesNotContain("llama-3.22.1", loaded, StringComparison.Ordinal);
    }

    private async Task AssertStillServing()
    {
        var r = await fx.Client.GetResponseAsync(StoriesFixture.Prompt("Once upon a time"), StoriesFixture.Greedy(6));
        Assert.StartsWith(", there was", r.Text, StringComparison.Ordinal);
    }
}
