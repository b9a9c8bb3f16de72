using System.Reflection;
using System.Runtime.InteropServices;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// Process-wide llama.cpp set-up, done by LLamaSharp: it picks the best of its bundled native builds
/// (noavx/avx/avx2/avx512, from LLamaSharp.Backend.Cpu) and initialises the backend when first touched. This class
/// routes the native log to an <see cref="ILogger"/> before that happens and reports load failures as
/// <see cref="LlamaNativeLibraryException"/>.
/// </summary>
public static class LlamaBackend
{
    private static readonly Lock Gate = new();
    private static bool s_loaded;

    /// <summary>Loads llama.cpp through LLamaSharp once per process; later calls only update nothing.</summary>
    public static void EnsureInitialized(ILogger? logger = null)
    {
        lock (Gate)
        {
            if (s_loaded) return;
            // Set before the library loads, so backend start-up lines go to the logger too (LLamaSharp joins fragments into lines).
            if (logger is not null) NativeLogConfig.llama_log_set(logger);
            try
            {
                NativeApi.llama_empty_call();
            }
            catch (Exception ex) when (ex is RuntimeError or TypeInitializationException or DllNotFoundException)
            {
                throw new LlamaNativeLibraryException(
                    $"LLamaSharp could not load its llama.cpp native library (LLamaSharp.Backend.Cpu): {ex.GetBaseException().Message}", ex);
            }
            // Our few own imports (Native/GrammarSampler.cs) must bind to the very library LLamaSharp loaded.
            NativeLibrary.SetDllImportResolver(typeof(LlamaBackend).Assembly, Resolve);
            s_loaded = true;
        }
    }

    /// <summary>The native build LLamaSharp chose (e.g. its avx512 variant), for logs and benchmark reports.</summary>
    public static string? LoadedLibrary => NativeApi.GetLoadedNativeLibrary(NativeLibraryName.LLama)?.ToString();

    // NativeLibrary.Load with LLamaSharp's assembly runs LLamaSharp's own resolver, which returns the handle it loaded.
    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "llama" ? NativeLibrary.Load("llama", typeof(NativeApi).Assembly, null) : 0;
}
