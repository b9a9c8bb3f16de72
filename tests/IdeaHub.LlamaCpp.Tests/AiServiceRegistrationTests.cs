using IdeaHub.LlamaCpp.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.LlamaCpp.Tests;

public sealed class AiServiceRegistrationTests
{
    [Fact]
    public async Task Ready_roles_are_registered_and_missing_ones_resolve_to_null()
    {
        var services = new ServiceCollection();
        var models = services.AddLlamaCpp(new AiOptions { Chat = new() { Provider = AiProvider.LlamaCpp, ModelPath = TestPaths.Stories260K, ContextLength = 256, MaxParallelSequences = 1, Threads = TestPaths.Threads } });
        await using var provider = services.BuildServiceProvider();

        Assert.Same(models, provider.GetRequiredService<AiModels>());
        Assert.Null(provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.False(models.EmbeddingStatus.IsReady);
        var chat = provider.GetRequiredService<IChatClient>();
        var r = await chat.GetResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 4 });
        Assert.StartsWith(", there was", r.Text, StringComparison.Ordinal);
    }
}
