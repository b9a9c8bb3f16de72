using System.Text;
using IdeaHub.LlamaCpp.Native;

namespace IdeaHub.LlamaCpp;

/// <summary>Builds one native sampler chain per request, so no sampling state is shared between sequences.</summary>
internal static unsafe class SamplerChain
{
    public static SafeLlamaSamplerHandle Create(LlamaModel model, LlamaSamplingOptions o)
    {
        var cp = NativeMethods.llama_sampler_chain_default_params();
        cp.no_perf = 1;
        var chain = SafeLlamaSamplerHandle.Wrap(NativeMethods.llama_sampler_chain_init(cp));
        try
        {
            var c = chain.DangerousGetHandle();
            // The chain owns every sampler added to it and frees them with itself.
            if (o.RepeatPenalty != 1f)
                NativeMethods.llama_sampler_chain_add(c, NativeMethods.llama_sampler_init_penalties(model.VocabSize, o.RepeatLastN, o.RepeatPenalty, 0f, 0f));
            if (o.Grammar is { } grammar)
                NativeMethods.llama_sampler_chain_add(c, CreateGrammar(model, grammar));
            if (o.Temperature <= 0f)
            {
                NativeMethods.llama_sampler_chain_add(c, NativeMethods.llama_sampler_init_greedy());
                return chain;
            }
            if (o.TopK is > 0) NativeMethods.llama_sampler_chain_add(c, NativeMethods.llama_sampler_init_top_k(o.TopK.Value));
            if (o.TopP is { } p and < 1f) NativeMethods.llama_sampler_chain_add(c, NativeMethods.llama_sampler_init_top_p(p, 1));
            if (o.MinP is { } m and > 0f) NativeMethods.llama_sampler_chain_add(c, NativeMethods.llama_sampler_init_min_p(m, 1));
            NativeMethods.llama_sampler_chain_add(c, NativeMethods.llama_sampler_init_temp(o.Temperature));
            var seed = o.Seed ?? (uint)Random.Shared.Next();
            NativeMethods.llama_sampler_chain_add(c, NativeMethods.llama_sampler_init_dist(seed));
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    private static nint CreateGrammar(LlamaModel model, string grammar)
    {
        var g = Encoding.UTF8.GetBytes(grammar + "\0");
        var root = "root\0"u8;
        nint s;
        fixed (byte* pg = g)
        fixed (byte* pr = root)
            s = NativeMethods.llama_sampler_init_grammar(model.Vocab, pg, pr);
        return s != 0 ? s : throw new ArgumentException("The GBNF grammar could not be parsed (see the llama.cpp log).", nameof(grammar));
    }
}
