using System.Diagnostics;
using System.Globalization;
using System.Text;
using IdeaHub.LlamaCpp;
using IdeaHub.TestSupport;
using IdeaHub.Web.Assistant;
using IdeaHub.Web.Proposals;
using Microsoft.Extensions.AI;

namespace IdeaHub.Bench.Llm;

/// <summary>
/// The assistant's real work on a random-weight model: the real critique prompt rendered with 300/800/1500-word
/// Indonesian proposals, generation under the real JSON-schema grammar, our scheduler with and without prefix reuse
/// (the peer: the same runtime without the optimisation), 1 and 4 concurrent users. Greedy; each figure is one run
/// after a warm-up that also fills the prefix cache with another proposal.
/// </summary>
internal static class AssistantBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var opt = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
            .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
        var shape = opt.GetValueOrDefault("shape", "small");
        var words = opt.GetValueOrDefault("words", "300,800,1500").Split(',').Select(int.Parse).ToList();
        var users = opt.GetValueOrDefault("users", "1,4").Split(',').Select(int.Parse).ToList();
        var tokens = int.Parse(opt.GetValueOrDefault("tokens", "160"), CultureInfo.InvariantCulture);
        var threads = int.Parse(opt.GetValueOrDefault("threads", "2"), CultureInfo.InvariantCulture);
        var repo = LlmBench.FindRepoRoot();
        var modelPath = EnsureModel(repo, shape);
        var prompt = new PromptLibrary().Get("critique_proposal");
        var kernel = PromptKernel.For(null);

        var rows = new List<string>();
        using var model = LlamaModel.Load(modelPath);
        foreach (var n in users)
        foreach (var reuse in new[] { false, true })
        {
            using var scheduler = new LlamaScheduler(model, new LlamaSchedulerOptions
            {
                ContextLength = 8192, MaxParallelSequences = n, Threads = threads, PrefixCacheTokens = reuse ? 2048 : 0,
            });
            using var client = new LlamaChatClient(scheduler);
            await OnceAsync(client, prompt, await MessagesAsync(prompt, kernel, 100), 4); // warm-up, fills the cache
            foreach (var w in words)
            {
                var messages = await MessagesAsync(prompt, kernel, w);
                var results = await Task.WhenAll(Enumerable.Range(0, n).Select(_ => OnceAsync(client, prompt, messages, tokens)));
                var r = results[0];
                var total = results.Max(x => x.Total);
                var row = $"| {w} | {(reuse ? "yes" : "no")} | {n} | {r.PromptTokens} | {r.Cached} | {results.Average(x => x.Ttft):0.00} | "
                    + $"{results.Average(x => (x.PromptTokens - x.Cached) / x.Ttft):0.0} | {Fmt(results.Average(x => x.FirstSuggestion ?? double.NaN))} | "
                    + $"{results.Average(x => x.OutputTokens / Math.Max(1e-9, x.Total - x.Ttft)):0.0} | {results.Sum(x => x.OutputTokens) / total:0.0} | {total:0.00} |";
                Console.WriteLine(row);
                rows.Add(row);
            }
        }
        var section = new StringBuilder()
            .AppendLine("## Assistant critique at real prompt size")
            .AppendLine()
            .AppendLine($"Reproduce: `dotnet run -c Release --project tests/IdeaHub.Bench -- assistant --shape {shape} --words {string.Join(',', words)} --users {string.Join(',', users)} --tokens {tokens}`")
            .AppendLine($"Model: `{Path.GetFileName(modelPath)}` ({new FileInfo(modelPath).Length / 1e6:0} MB, random weights, qwen2 vocabulary), {threads} threads, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end.")
            .AppendLine("Peer: the same runtime without prefix reuse (rows `reuse = no`). Times in seconds; TTFT and prefill per user (mean), tok/s per user and aggregate.")
            .AppendLine()
            .AppendLine("| words | reuse | users | prompt tok | cached tok | TTFT s | prefill tok/s | first suggestion s | tok/s per user | tok/s all | total s |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in rows) section.AppendLine(r);
        Console.WriteLine(section);
        if (!opt.ContainsKey("no-write")) WriteSection(Path.Combine(repo, "docs", "benchmarks.md"), section.ToString());
        return 0;
    }

    private static string Fmt(double seconds) => double.IsNaN(seconds) ? "—" : seconds.ToString("0.00", CultureInfo.InvariantCulture);

    private sealed record Run(int PromptTokens, int Cached, int OutputTokens, double Ttft, double? FirstSuggestion, double Total);

    private static async Task<Run> OnceAsync(IChatClient client, PromptTemplate prompt, IReadOnlyList<ChatMessage> messages, int maxTokens)
    {
        var options = new ChatOptions
        {
            Temperature = 0, MaxOutputTokens = maxTokens,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(prompt.OutputSchema, prompt.Name),
            AdditionalProperties = new() { ["prefix_cache_key"] = $"{prompt.Name}@{prompt.Version}" },
        };
        var parser = new CritiqueStreamParser(prompt.OutputSchema);
        var sw = Stopwatch.StartNew();
        double? ttft = null, first = null;
        UsageDetails? usage = null;
        await foreach (var u in client.GetStreamingResponseAsync(messages, options))
        {
            ttft ??= sw.Elapsed.TotalSeconds;
            if (!string.IsNullOrEmpty(u.Text) && first is null && parser.Push(u.Text).Any(p => p is FieldPart or IndicatorPart)) first = sw.Elapsed.TotalSeconds;
            if (u.Contents.OfType<UsageContent>().FirstOrDefault() is { } c) usage = c.Details;
        }
        return new((int)(usage?.InputTokenCount ?? 0), (int)(usage?.CachedInputTokenCount ?? 0), (int)(usage?.OutputTokenCount ?? 0),
            ttft ?? sw.Elapsed.TotalSeconds, first, sw.Elapsed.TotalSeconds);
    }

    /// <summary>The demo licensing proposal with its design grown to about <paramref name="words"/> words in all.</summary>
    private static async Task<IReadOnlyList<ChatMessage>> MessagesAsync(PromptTemplate prompt, Microsoft.SemanticKernel.Kernel kernel, int words)
    {
        var p = DemoProposals.Licensing(DateTime.UtcNow.Year + 1);
        var sentences = DemoProposals.All(DateTime.UtcNow.Year + 1).SelectMany(d => d.Content.Design.Split(". ")).Where(s => s.Length > 20).ToList();
        var design = new StringBuilder();
        for (var i = 0; ProposalChecks.WordCount(ProposalText.ForPrompt(p with { Design = design.ToString() })) < words; i++)
            design.Append(sentences[i % sentences.Count].TrimEnd('.')).Append(". ");
        var s = p with { Design = design.ToString().Trim() };
        var values = new Dictionary<string, string> { ["proposal"] = ProposalText.ForPrompt(s), ["findings"] = "-" };
        return (await prompt.RenderAsync(kernel, values)).Select(m => new ChatMessage(new ChatRole(m.Role), m.Text)).ToList();
    }

    private static string EnsureModel(string repo, string shape)
    {
        var cache = Path.Combine(repo, ".data", "bench");
        Directory.CreateDirectory(cache);
        var llama = Environment.GetEnvironmentVariable("IDEAHUB_LLAMA_DIR") is { Length: > 0 } d ? d : "/opt/ideahub/llama-3.22.1";
        var vocab = Path.Combine(llama, "src", "models", "ggml-vocab-qwen2.gguf");
        var path = Path.Combine(cache, $"random-{shape}-qwen2vocab-q8_0.gguf");
        if (File.Exists(path)) return path;
        Console.WriteLine($"generating {path} (random weights, Q8_0) ...");
        // qwen1.5b: Qwen2.5-1.5B-Instruct's widths, layers, heads and vocabulary (llama graph: no QKV biases, same cost).
        if (shape == "qwen1.5b") TestModels.WriteLlamaQ8(path + ".tmp", vocab, embd: 1536, layers: 28, heads: 12, kvHeads: 2, ff: 8960, ctx: 32768);
        else TestModels.WriteLlamaQ8(path + ".tmp", vocab, ctx: 32768);
        File.Move(path + ".tmp", path);
        return path;
    }

    private static void WriteSection(string path, string section)
    {
        var text = File.ReadAllText(path);
        const string heading = "## Assistant critique at real prompt size";
        var start = text.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0) { File.WriteAllText(path, text.TrimEnd() + "\n\n" + section); return; }
        var next = text.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        File.WriteAllText(path, text[..start] + section + (next < 0 ? "" : text[(next + 1)..]));
    }
}
