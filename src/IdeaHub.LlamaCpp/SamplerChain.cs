using IdeaHub.LlamaCpp.Native;
using LLama.Native;

namespace IdeaHub.LlamaCpp;

/// <summary>Builds one LLamaSharp sampler chain per request, so no sampling state is shared between sequences.</summary>
internal static class SamplerChain
{
    public static SafeLLamaSamplerChainHandle Create(LlamaModel model, LlamaSamplingOptions o)
    {
        var cp = LLamaSamplerChainParams.Default();
        cp.NoPerf = true;
        var chain = SafeLLamaSamplerChainHandle.Create(cp);
        try
        {
            // The chain owns every sampler added to it and frees them with itself.
            if (o.RepeatPenalty != 1f) chain.AddPenalties(o.RepeatLastN, o.RepeatPenalty, 0f, 0f);
            if (o.Grammar is { } grammar) GrammarSampler.Add(chain, model.Handle, grammar);
            if (o.Temperature <= 0f)
            {
                chain.AddGreedySampler();
                return chain;
            }
            if (o.TopK is > 0) chain.AddTopK(o.TopK.Value);
            if (o.TopP is { } p and < 1f) chain.AddTopP(p, 1);
            if (o.MinP is { } m and > 0f) chain.AddMinP(m, 1);
            chain.AddTemperature(o.Temperature);
            chain.AddDistributionSampler(o.Seed ?? (uint)Random.Shared.Next());
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }
}
