using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp.Tests;

/// <summary>One loaded stories260K model and chat client shared by the generation tests.</summary>
public sealed class StoriesFixture : IDisposable
{
    public StoriesFixture()
    {
        Model = LlamaModel.Load(TestPaths.Stories260K);
        Scheduler = new LlamaScheduler(Model, new LlamaSchedulerOptions { ContextLength = 512, MaxParallelSequences = 4, QueueCapacity = 4, Threads = TestPaths.Threads });
        Client = new LlamaChatClient(Scheduler);
    }

    public LlamaModel Model { get; }
    public LlamaScheduler Scheduler { get; }
    public LlamaChatClient Client { get; }

    public static ChatOptions Greedy(int maxTokens) => new() { Temperature = 0, MaxOutputTokens = maxTokens };

    public static ChatMessage[] Prompt(string text) => [new(ChatRole.User, text)];

    public void Dispose()
    {
        Client.Dispose();
        Scheduler.Dispose();
        Model.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class StoriesCollection : ICollectionFixture<StoriesFixture>
{
    public const string Name = "stories260K";
}
