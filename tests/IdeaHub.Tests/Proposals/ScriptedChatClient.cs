using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace IdeaHub.Tests.Proposals;

/// <summary>
/// A deterministic stand-in for the model, only for UI-logic tests (accept/reject, errors, cancellation): it streams a
/// scripted answer in small chunks, like a real model would.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    public Func<IReadOnlyList<ChatMessage>, string> Respond { get; set; } = _ => Critique();
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.FromMilliseconds(5);
    public Exception? Throw { get; set; }
    /// <summary>When set, the stream stops once it has sent at least <see cref="HoldAt"/> characters, until this completes.</summary>
    public TaskCompletionSource? Hold { get; set; }
    /// <summary>Character offset at which <see cref="Hold"/> pauses the stream (a signal for tests, not a timing).</summary>
    public Func<string, int> HoldAt { get; set; } = _ => 0;
    /// <summary>Completes when the stream reaches the hold point.</summary>
    public TaskCompletionSource Held { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public IReadOnlyList<ChatMessage> LastMessages { get; private set; } = [];
    public ChatOptions? LastOptions { get; private set; }

    public static string Critique(string field = "goals", string suggestion = "Memangkas waktu tunggu dari 95 menjadi 30 menit pada Desember.") => $$"""
        {"summary":"Usulan perlu angka yang lebih tegas.","suggestions":[
          {"field":"{{field}}","suggestion":"{{suggestion}}","reason":"Tujuan harus terukur."},
          {"field":"benefits","suggestion":"Pasien menghemat rata-rata 65 menit per kunjungan.","reason":"Manfaat dinyatakan dalam angka."}],
         "indicators":[{"name":"Pasien dilayani kurang dari 30 menit","unit":"persen","baseline":20,"target":80,"targetDate":"2030-12-31","reason":"Mengukur hasil langsung."}]}
        """;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in GetStreamingResponseAsync(messages, options, cancellationToken)) updates.Add(u);
        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastMessages = messages.ToList();
        LastOptions = options;
        if (Throw is not null) throw Throw;
        var text = Respond(LastMessages);
        var holdAt = HoldAt(text);
        for (var i = 0; i < text.Length; i += 12)
        {
            if (Hold is { } hold && i >= holdAt)
            {
                Held.TrySetResult();
                await hold.Task.WaitAsync(cancellationToken);
                Hold = null;
                Held = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            await Task.Delay(ChunkDelay, cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, text.Substring(i, Math.Min(12, text.Length - i))) { ModelId = "scripted" };
        }
        yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 321, OutputTokenCount = text.Length / 4 })] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
