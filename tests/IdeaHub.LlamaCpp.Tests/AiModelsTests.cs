using System.Text;
using IdeaHub.LlamaCpp.Configuration;
using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp.Tests;

public sealed class AiModelsTests
{
    [Fact]
    public void Nothing_configured_is_reported_not_faked()
    {
        using var models = AiModels.Create(new AiOptions());

        Assert.Null(models.Chat);
        Assert.False(models.ChatStatus.IsReady);
        Assert.Equal(AiProvider.None, models.EmbeddingStatus.Provider);
        var ex = Assert.Throws<AiModelUnavailableException>(() => models.RequireChat());
        Assert.Contains("not configured", ex.Status.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_file_is_a_failed_status_with_the_reason()
    {
        using var models = AiModels.Create(new AiOptions { Chat = new() { Provider = AiProvider.LlamaCpp, ModelPath = "/nope/model.gguf" } });

        Assert.False(models.ChatStatus.IsReady);
        Assert.Contains("/nope/model.gguf", models.ChatStatus.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_process_llama_cpp_chat_is_ready_and_answers()
    {
        using var models = AiModels.Create(new AiOptions { Chat = new() { Provider = AiProvider.LlamaCpp, ModelPath = TestPaths.Stories260K, ContextLength = 256, MaxParallelSequences = 1, Threads = TestPaths.Threads } });

        Assert.True(models.ChatStatus.IsReady);
        var r = await models.RequireChat().GetResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 6 });
        Assert.StartsWith(", there was", r.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openai_compatible_server_is_reached_through_the_openai_client()
    {
        string? body = null, path = null;
        using var server = new LocalHttpServer(async ctx =>
        {
            path = ctx.Request.Url!.AbsolutePath;
            body = await new StreamReader(ctx.Request.InputStream).ReadToEndAsync();
            var json = """{"id":"c1","object":"chat.completion","created":1,"model":"qwen","choices":[{"index":0,"message":{"role":"assistant","content":"Halo dari server"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":3,"total_tokens":6}}""";
            ctx.Response.ContentType = "application/json";
            await ctx.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(json));
            ctx.Response.Close();
        });
        using var models = AiModels.Create(new AiOptions { Chat = new() { Provider = AiProvider.OpenAICompatible, Endpoint = server.BaseUrl + "v1", Model = "qwen" } });

        var r = await models.RequireChat().GetResponseAsync("Halo");

        Assert.Equal("Halo dari server", r.Text);
        Assert.Equal("/v1/chat/completions", path);
        Assert.Contains("\"model\":\"qwen\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task E5_prefixes_mark_queries_and_passages()
    {
        Assert.Equal(("query: ", "passage: "), AiModels.PrefixesOf(new AiModelOptions { Prefixes = "e5" }));
        Assert.Equal(("", ""), AiModels.PrefixesOf(new AiModelOptions()));
        Assert.Throws<ArgumentException>(() => AiModels.PrefixesOf(new AiModelOptions { Prefixes = "e6" }));
        var seen = new List<string>();
        using var inner = new RecordingGenerator(seen);
        using var prefixed = new PrefixingEmbeddingGenerator(inner, "query: ", "passage: ");
        await prefixed.GenerateAsync(["jalan rusak"]);
        await prefixed.GenerateAsync(["jalan berlubang"], EmbeddingInput.Query());
        Assert.Equal(["passage: jalan rusak", "query: jalan berlubang"], seen);
    }

    private sealed class RecordingGenerator(List<string> seen) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            seen.AddRange(values);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
