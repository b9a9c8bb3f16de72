using System.Diagnostics;
using IdeaHub.LlamaCpp;

namespace IdeaHub.Bench.Llm;

internal static class OurBinding
{
    /// <summary>Median seconds for <paramref name="streams"/> concurrent greedy generations of 64 tokens each.</summary>
    public static async Task<double> MedianAsync(LlamaModel model, int streams)
    {
        using var scheduler = new LlamaScheduler(model, new LlamaSchedulerOptions
        {
            ContextLength = 512, MaxParallelSequences = streams, Threads = LlmBench.Threads,
        });
        var options = new LlamaSamplingOptions { MaxTokens = LlmBench.Tokens, IgnoreEndOfGeneration = true };
        async Task<double> Once()
        {
            var sw = Stopwatch.StartNew();
            var counts = await Task.WhenAll(Enumerable.Range(0, streams).Select(async _ =>
            {
                var last = 0;
                await foreach (var c in scheduler.GenerateAsync(LlmBench.Prompt, false, options)) last = c.OutputTokens;
                return last;
            }));
            var elapsed = sw.Elapsed.TotalSeconds;
            if (counts.Any(c => c != LlmBench.Tokens)) throw new InvalidOperationException($"expected {LlmBench.Tokens} tokens, got {string.Join(",", counts)}");
            return elapsed;
        }
        await Once();
        var times = new List<double>();
        for (var i = 0; i < LlmBench.Runs; i++) times.Add(await Once());
        return times.Order().ElementAt(times.Count / 2);
    }

    /// <summary>Texts embedded per second (mean pooling over the same model), 32 short texts per call.</summary>
    public static async Task<double> EmbeddingsPerSecondAsync(LlamaModel model)
    {
        using var generator = new LlamaEmbeddingGenerator(model, new LlamaEmbeddingOptions { Threads = LlmBench.Threads, BatchTokens = 1024, MaxInputsPerBatch = 32 });
        var texts = Enumerable.Range(0, 32).Select(i => $"Usulan {i}: perbaikan jalan desa dan saluran irigasi di kecamatan {i % 7}").ToList();
        await generator.GenerateAsync(texts);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < LlmBench.Runs; i++) await generator.GenerateAsync(texts);
        return texts.Count * LlmBench.Runs / sw.Elapsed.TotalSeconds;
    }
}
