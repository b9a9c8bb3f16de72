using System.Diagnostics;
using LLama;
using LLama.Batched;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;

namespace IdeaHub.Bench.Llm;

/// <summary>LLamaSharp's own high-level executors on the same model, in this process: greedy, no other sampling.</summary>
internal static class LLamaSharpPeers
{
    /// <summary>Median seconds for one StatelessExecutor generation, scaled to <see cref="LlmBench.Tokens"/> tokens.</summary>
    public static async Task<double> StatelessMedianAsync(string modelPath)
    {
        var mp = new ModelParams(modelPath) { ContextSize = 512, Threads = LlmBench.Threads, BatchThreads = LlmBench.Threads, GpuLayerCount = 0 };
        using var weights = LLamaWeights.LoadFromFile(mp);
        var executor = new StatelessExecutor(weights, mp);
        var inference = new InferenceParams { MaxTokens = LlmBench.Tokens, SamplingPipeline = new GreedySamplingPipeline() };
        async Task<double> Once()
        {
            var sw = Stopwatch.StartNew();
            var n = 0;
            await foreach (var _ in executor.InferAsync(LlmBench.Prompt, inference)) n++;
            // A random-weight model may sample end-of-generation early; the rate is what counts.
            return sw.Elapsed.TotalSeconds * LlmBench.Tokens / Math.Max(n, 1);
        }
        return await MedianAsync(Once);
    }

    /// <summary>Median seconds for <paramref name="streams"/> BatchedExecutor conversations of 64 greedy tokens each.</summary>
    public static async Task<double> BatchedMedianAsync(string modelPath, int streams)
    {
        var mp = new ModelParams(modelPath)
        {
            ContextSize = (uint)(512 * streams), SeqMax = (uint)streams, Threads = LlmBench.Threads, BatchThreads = LlmBench.Threads, GpuLayerCount = 0,
        };
        using var weights = LLamaWeights.LoadFromFile(mp);
        using var executor = new BatchedExecutor(weights, mp);
        async Task<double> Once()
        {
            var sw = Stopwatch.StartNew();
            var conversations = Enumerable.Range(0, streams).Select(_ => executor.Create()).ToList();
            var samplers = conversations.Select(_ => Greedy()).ToList();
            try
            {
                foreach (var c in conversations) c.Prompt(LlmBench.Prompt);
                for (var i = 0; i < LlmBench.Tokens; i++)
                {
                    if (await executor.Infer() != DecodeResult.Ok) throw new InvalidOperationException("BatchedExecutor.Infer failed (see the llama.cpp log)");
                    for (var k = 0; k < streams; k++)
                    {
                        var token = conversations[k].Sample(samplers[k]);
                        // The last token is sampled, not decoded (as in our scheduler); a queued, never-decoded prompt
                        // would also outlive its disposed conversation and break the next one's positions.
                        if (i + 1 < LlmBench.Tokens) conversations[k].Prompt(token);
                    }
                }
                return sw.Elapsed.TotalSeconds;
            }
            finally
            {
                foreach (var c in conversations) c.Dispose();
                foreach (var s in samplers) s.Dispose();
            }
        }
        return await MedianAsync(Once);
    }

    private static SafeLLamaSamplerChainHandle Greedy()
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        chain.AddGreedySampler();
        return chain;
    }

    private static async Task<double> MedianAsync(Func<Task<double>> once)
    {
        await once(); // warm-up, as for our binding
        var times = new List<double>();
        for (var i = 0; i < LlmBench.Runs; i++) times.Add(await once());
        return times.Order().ElementAt(times.Count / 2);
    }
}
