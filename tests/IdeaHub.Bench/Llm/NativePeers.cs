using System.Globalization;
using System.Runtime.InteropServices;
using LLama.Native;

namespace IdeaHub.Bench.Llm;

/// <summary>The comparison points outside .NET: a C loop over LLamaSharp's libllama and node-llama-cpp, each its own process.</summary>
internal static class NativePeers
{
    /// <summary>
    /// Compiles the C loop against the libllama.so this process loaded through LLamaSharp (read from /proc/self/maps,
    /// so it is the CPU variant LLamaSharp chose), with LLamaSharp's struct sizes. Returns the executable and that library.
    /// </summary>
    public static (string Exe, string Library) CompileFloor(string cache)
    {
        var library = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && f[5].EndsWith("/libllama.so", StringComparison.Ordinal)).Select(f => f[5]).First();
        // The batch is declared field by field in c_floor.c: it must match LLamaSharp's mirror exactly.
        if (Marshal.SizeOf<LLamaNativeBatch>() != 56) throw new InvalidOperationException("llama_batch layout changed; update c_floor.c");
        var source = Path.Combine(AppContext.BaseDirectory, "Llm", "c_floor.c");
        var exe = Path.Combine(cache, "c_floor");
        var dir = Path.GetDirectoryName(library)!;
        LlmBench.RunProcess("cc", ["-O2", "-std=c11", $"-DMODEL_PARAMS_SIZE={Marshal.SizeOf<LLamaModelParams>()}",
            $"-DCONTEXT_PARAMS_SIZE={Marshal.SizeOf<LLamaContextParams>()}", "-o", exe, source, library, $"-Wl,-rpath,{dir}"]);
        return (exe, library);
    }

    public static double RunFloor(string exe, string model) =>
        Seconds(LlmBench.RunProcess(exe, [model, $"{LlmBench.Threads}", $"{LlmBench.Tokens}", LlmBench.Prompt]));

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
