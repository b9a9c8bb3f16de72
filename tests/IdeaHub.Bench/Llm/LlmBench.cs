using System.Diagnostics;
using IdeaHub.LlamaCpp;
using IdeaHub.TestSupport;

namespace IdeaHub.Bench.Llm;

/// <summary>
/// One run, one GGUF, one prompt, 64 tokens, 2 threads: our binding (1 and 4 streams, embeddings), LLamaSharp's own
/// StatelessExecutor and BatchedExecutor, the plain C loop over the libllama LLamaSharp loads (the floor) and
/// node-llama-cpp 3.22.1 (1 and 4 sequences). Each figure is the median of several timed runs after
/// a warm-up; time runs from the request to the last token, prompt included.
/// </summary>
internal static class LlmBench
{
    public const int Tokens = 64;

    /// <summary>Decode threads for every runtime; `llm --threads N` (default 2).</summary>
    public static int Threads { get; private set; } = 2;

    /// <summary>Timed runs per figure (median); `llm --runs N` lowers it when the machine is too busy for long runs.</summary>
    public static int Runs { get; private set; } = 3;
    public const string Prompt = "Once upon a time, in a small village at the edge of the forest, there lived an old farmer who";

    public static async Task<int> RunAsync(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            if (args[i] == "--runs") Runs = value;
            else if (args[i] == "--threads") Threads = value;
        }
        var repo = FindRepoRoot();
        var cache = Path.Combine(repo, ".data", "bench");
        Directory.CreateDirectory(cache);
        // llama.cpp's source tree from eng/setup.sh, for the vocabulary of the generated model.
        var llamaFolder = Environment.GetEnvironmentVariable("IDEAHUB_LLAMA_DIR") is { Length: > 0 } d ? d : "/opt/ideahub/llama-3.22.1";
        var modelPath = Path.Combine(cache, "random-llama-135m-q8_0.gguf");
        if (!File.Exists(modelPath))
        {
            Console.WriteLine($"generating {modelPath} (random weights, Q8_0) ...");
            TestModels.WriteLlamaQ8(modelPath + ".tmp", Path.Combine(llamaFolder, "src", "models", "ggml-vocab-llama-spm.gguf"));
            File.Move(modelPath + ".tmp", modelPath);
        }
        var results = new BenchResults { ModelPath = modelPath, ModelBytes = new FileInfo(modelPath).Length, Cores = Environment.ProcessorCount, LoadBefore = LoadAverage() };
        if (results.LoadBefore > results.Cores)
            Console.WriteLine($"warning: load average {results.LoadBefore:0.0} exceeds {results.Cores} cores; 2-thread decoding collapses under contention and the numbers will not mean much");

        Console.WriteLine("our binding (IdeaHub.LlamaCpp on LLamaSharp) ...");
        using (var model = LlamaModel.Load(modelPath))
        {
            results.OursSingleSeconds = Report("ours, 1 stream", 1, await OurBinding.MedianAsync(model, 1));
            results.OursFourSeconds = Report("ours, 4 streams", 4, await OurBinding.MedianAsync(model, 4));
            results.EmbeddingsPerSecond = await OurBinding.EmbeddingsPerSecondAsync(model);
            Console.WriteLine($"  embeddings: {results.EmbeddingsPerSecond:0.0} texts/s");
        }

        Console.WriteLine("LLamaSharp executors ...");
        results.StatelessSeconds = Report("LLamaSharp StatelessExecutor", 1, await LLamaSharpPeers.StatelessMedianAsync(modelPath));
        results.BatchedFourSeconds = Report("LLamaSharp BatchedExecutor, 4 conversations", 4, await LLamaSharpPeers.BatchedMedianAsync(modelPath, 4));

        Console.WriteLine("C floor (LLamaSharp's libllama) ...");
        var (floor, library) = NativePeers.CompileFloor(cache);
        results.FloorLibrary = library;
        results.FloorSeconds = Report("C floor, 1 stream", 1, Median(() => NativePeers.RunFloor(floor, modelPath)));

        Console.WriteLine("node-llama-cpp ...");
        var node = NativePeers.EnsureNode(cache);
        results.NodeSingleSeconds = Report("node, 1 sequence", 1, Median(() => NativePeers.RunNode(node, modelPath, 1)));
        results.NodeFourSeconds = Report("node, 4 sequences", 4, Median(() => NativePeers.RunNode(node, modelPath, 4)));
        results.LoadAfter = LoadAverage();

        var report = results.ToMarkdown();
        Console.WriteLine(report);
        BenchResults.WriteSection(Path.Combine(repo, "docs", "benchmarks.md"), report);
        return 0;
    }

    private static double Report(string what, int streams, double seconds)
    {
        Console.WriteLine($"  {what}: {seconds:0.000} s, {Tokens * streams / seconds:0.0} tok/s");
        return seconds;
    }

    /// <summary>The 1-minute load average: the bench is only meaningful on an otherwise idle machine.</summary>
    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Median of <see cref="Runs"/> timed runs of a separate process (each one starts cold anyway).</summary>
    public static double Median(Func<double> run)
    {
        var times = Enumerable.Range(0, Runs).Select(_ => run()).Order().ToList();
        return times[times.Count / 2];
    }

    public static string RunProcess(string file, IEnumerable<string> args, string? workingDir = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDir ?? "" };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}: {stderr.Result}");
        return stdout;
    }

    public static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "IdeaHub.sln"))) return d.FullName;
        throw new InvalidOperationException("run from inside the repository");
    }
}
