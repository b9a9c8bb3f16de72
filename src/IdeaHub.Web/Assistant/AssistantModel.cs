using IdeaHub.LlamaCpp.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace IdeaHub.Web.Assistant;

/// <summary>The chat model the assistant uses, or why there is none (shown in the panel instead of a fake answer).</summary>
public sealed class AssistantModel
{
    private AssistantModel(IChatClient? client, string modelId, string? unavailableReason)
    {
        Client = client;
        ModelId = modelId;
        UnavailableReason = unavailableReason;
        Kernel = PromptKernel.For(client);
    }

    public IChatClient? Client { get; }
    /// <summary>The Semantic Kernel that renders prompts/ and whose chat service is <see cref="Client"/>.</summary>
    public Kernel Kernel { get; }
    public string ModelId { get; }
    public string? UnavailableReason { get; }
    public bool IsReady => Client is not null;

    public static AssistantModel For(IChatClient client, string modelId) => new(client, modelId, null);

    public static AssistantModel NotConfigured(string reason) => new(null, "none", reason);

    /// <summary>The configured chat role: in-process llama.cpp, an OpenAI-compatible server, or none (with the reason).</summary>
    public static AssistantModel From(AiModels models) => models.Chat is { } chat
        ? For(chat, models.ChatStatus.Description)
        : NotConfigured(models.ChatStatus.Reason ?? models.ChatStatus.Description);
}

/// <summary>Builds the Semantic Kernel the prompt functions run in: its chat service is our IChatClient (local or remote).</summary>
public static class PromptKernel
{
    public static Kernel For(IChatClient? chat)
    {
        var builder = Kernel.CreateBuilder();
        if (chat is not null) builder.Services.AddSingleton(chat);
        return builder.Build();
    }
}
