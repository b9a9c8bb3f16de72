namespace IdeaHub.LlamaCpp.Tests;

internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared trained test model, kept beside the checkout and never committed.</summary>
    public static string Stories260K => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "models", "stories260K.gguf"));

    /// <summary>
    /// The test models are tiny, and one decode thread keeps the suite fast even when CI shares the cores with other
    /// jobs: ggml's multi-thread barrier spins and collapses (seconds become minutes) once threads get descheduled.
    /// </summary>
    public const int Threads = 1;

    /// <summary>
    /// llama.cpp's source tree (node-llama-cpp's bundle, cloned by eng/setup.sh) for its vocabulary-only GGUFs. Test
    /// assets only: the runtime is LLamaSharp's bundled native library.
    /// </summary>
    public static string LlamaSource => Path.Combine(
        Environment.GetEnvironmentVariable("IDEAHUB_LLAMA_DIR") is { Length: > 0 } dir ? dir : "/opt/ideahub/llama-3.22.1", "src");

    public static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ideahub-llama-tests", name + "-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IdeaHub.sln"))) return dir.FullName;
        throw new InvalidOperationException("IdeaHub.sln not found above " + AppContext.BaseDirectory);
    }
}
