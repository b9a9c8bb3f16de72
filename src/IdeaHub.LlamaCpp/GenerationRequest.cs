using System.Text;
using System.Threading.Channels;
using LLama.Native;

namespace IdeaHub.LlamaCpp;

/// <summary>One request's state while it waits in the queue and then occupies a sequence of the shared context.</summary>
internal sealed class GenerationRequest : IDisposable
{
    private readonly Decoder _utf8 = new UTF8Encoding(false).GetDecoder();
    private readonly StopSequenceFilter _stops;
    private readonly byte[] _pieceBuffer = new byte[256];
    private readonly char[] _charBuffer = new char[512];

    public GenerationRequest(LLamaToken[] prompt, LlamaSamplingOptions options, CancellationToken callerToken)
    {
        Prompt = prompt;
        Options = options;
        CallerToken = callerToken;
        Lifetime = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        if (options.Timeout is { } t) Lifetime.CancelAfter(t);
        _stops = new StopSequenceFilter(options.StopSequences);
    }

    public LLamaToken[] Prompt { get; }
    public LlamaSamplingOptions Options { get; }
    public CancellationToken CallerToken { get; }
    /// <summary>Cancelled by the caller's token, the timeout, or the consumer abandoning the stream.</summary>
    public CancellationTokenSource Lifetime { get; }
    public Channel<LlamaGenerationChunk> Output { get; } =
        Channel.CreateUnbounded<LlamaGenerationChunk>(new() { SingleReader = true, SingleWriter = true });

    public SafeLLamaSamplerChainHandle? Sampler { get; set; }
    public int SeqId { get; set; } = -1;
    public int Position { get; set; }
    public int PromptCursor { get; set; }
    public int BatchIndex { get; set; } = -1;
    public LLamaToken LastToken { get; set; }
    public int Generated { get; private set; }
    public bool Prefilling => PromptCursor < Prompt.Length;
    /// <summary>The cache key and token length of the prompt's shared prefix, if the caller named one.</summary>
    public string? PrefixKey { get; init; }
    public int PrefixLength { get; init; }
    /// <summary>Prompt tokens taken from the prefix cache instead of being prefilled.</summary>
    public int CachedTokens { get; set; }
    /// <summary>A missed prefix to store once this request's prefill has passed it.</summary>
    public bool StorePrefix { get; set; }

    /// <summary>Emits a sampled token's text; returns a finish reason when generation must end.</summary>
    public LlamaFinishReason? Accept(LlamaModel model, LLamaToken token, int contextPerSequence)
    {
        LastToken = token;
        if (!Options.IgnoreEndOfGeneration && model.IsEndOfGeneration(token)) return LlamaFinishReason.EndOfGeneration;
        Generated++;
        var n = model.TokenToPiece(token, _pieceBuffer);
        var chars = _utf8.GetChars(_pieceBuffer, 0, Math.Max(n, 0), _charBuffer, 0, flush: false);
        var text = _stops.Push(new string(_charBuffer, 0, chars));
        if (text.Length > 0) Output.Writer.TryWrite(new LlamaGenerationChunk(text, null, Prompt.Length, Generated, CachedTokens));
        if (_stops.Stopped) return LlamaFinishReason.StopSequence;
        if (Generated >= Options.MaxTokens) return LlamaFinishReason.Length;
        return Position + 1 >= contextPerSequence ? LlamaFinishReason.ContextFull : null;
    }

    public void Complete(LlamaFinishReason reason)
    {
        var rest = _stops.Stopped ? "" : _stops.Flush();
        Output.Writer.TryWrite(new LlamaGenerationChunk(rest, reason, Prompt.Length, Generated, CachedTokens));
        Output.Writer.TryComplete();
    }

    /// <summary>Ends the stream with the error that explains why it stopped early.</summary>
    public void Fail(Exception? error = null)
    {
        error ??= CallerToken.IsCancellationRequested ? new OperationCanceledException(CallerToken)
            : Options.Timeout is { } t && Lifetime.IsCancellationRequested ? new LlamaTimeoutException(t)
            : new OperationCanceledException("The generation was abandoned by its consumer.");
        Output.Writer.TryComplete(error);
    }

    /// <summary>The consumer stopped reading; the worker frees the sequence at its next step.</summary>
    public void Abandon()
    {
        try { Lifetime.Cancel(); }
        catch (ObjectDisposedException) { } // already released by the worker
    }

    public void Dispose()
    {
        Sampler?.Dispose();
        Sampler = null;
        Lifetime.Dispose();
    }
}
