using System.Runtime.InteropServices;
using LLama.Native;

namespace IdeaHub.LlamaCpp.Native;

/// <summary>
/// The one native call we still declare ourselves. LLamaSharp 0.30's <c>SafeLLamaSamplerChainHandle.AddGrammar</c>
/// adds whatever <c>llama_sampler_init_grammar</c> returns, and for a grammar that does not parse that is NULL: the
/// chain then dereferences it at the next sample and the process dies. Here NULL becomes an ArgumentException before
/// anything is added. Only pointers and strings cross; no struct layout is involved. Resolved to LLamaSharp's library
/// by <see cref="LlamaBackend"/>.
/// </summary>
internal static partial class GrammarSampler
{
    public static void Add(SafeLLamaSamplerChainHandle chain, SafeLlamaModelHandle model, string grammar)
    {
        var sampler = llama_sampler_init_grammar(llama_model_get_vocab(model), grammar, "root");
        if (sampler == 0) throw new ArgumentException("The GBNF grammar could not be parsed (see the llama.cpp log).", nameof(grammar));
        llama_sampler_chain_add(chain, sampler); // the chain owns it from here
    }

#pragma warning disable CA1707, IDE1006, SYSLIB1054 // names as in llama.h
    [DllImport("llama")] private static extern nint llama_model_get_vocab(SafeLlamaModelHandle model);
    [DllImport("llama", CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern nint llama_sampler_init_grammar(nint vocab, [MarshalAs(UnmanagedType.LPUTF8Str)] string grammar,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string root);
    [DllImport("llama")] private static extern void llama_sampler_chain_add(SafeLLamaSamplerChainHandle chain, nint sampler);
#pragma warning restore CA1707, IDE1006, SYSLIB1054
}
