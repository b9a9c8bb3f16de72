using System.Globalization;

namespace IdeaHub.Bench.Llm;

/// <summary>The two comparison points outside .NET: a C loop and node-llama-cpp, each run as its own process.</summary>
internal static class NativePeers
{
    public static string CompileFloor(string llamaFolder, string cache)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Llm", "c_floor.c");
        var exe = Path.Combine(cache, "c_floor");
        var lib = Path.Combine(llamaFolder, "lib");
        LlmBench.RunProcess("cc", ["-O2", "-std=c11", "-I", Path.Combine(llamaFolder, "include"), "-o", exe, source,
            "-L", lib, "-l:libllama.v0.5.0.so", "-l:libggml.v0.5.0.so", "-l:libggml-base.so", $"-Wl,-rpath,{lib}"]);
        return exe;
    }

    public static double RunFloor(string exe, string llamaFolder, string model) =>
        Seconds(LlmBench.RunProcess(exe, [Path.Combine(llamaFolder, "lib"), model, $"{LlmBench.Threads}", $"{LlmBench.Tokens}", LlmBench.Prompt]));

    /// <summary>Installs node-llama-cpp 3.22.1 (prebuilt binaries, no build scripts) into the cache once.</summary>
    public static string EnsureNode(string cache)
    {
        var dir = Path.Combine(cache, "node");
        Directory.CreateDirectory(dir);
        if (!File.Exists(Path.Combine(dir, "node_modules", "node-llama-cpp", "package.json")))
        {
            File.WriteAllText(Path.Combine(dir, "package.json"), """{"name":"ideahub-bench-node","private":true,"type":"module"}""");
            LlmBench.RunProcess("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "node-llama-cpp@3.22.1"], dir);
        }
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Llm", "node_peer.mjs"), Path.Combine(dir, "node_peer.mjs"), overwrite: true);
        return dir;
    }

    public static double RunNode(string dir, string model, int sequences) =>
        Seconds(LlmBench.RunProcess("node", ["node_peer.mjs", model, $"{LlmBench.Threads}", $"{LlmBench.Tokens}", $"{sequences}", LlmBench.Prompt], dir));

    private static double Seconds(string output) =>
        double.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
}
