using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using IdeaHub.LlamaCpp.Native;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// Process-wide llama.cpp set-up: resolves the native libraries from one folder, routes the native log to an
/// <see cref="ILogger"/>, loads the ggml backends and initialises llama.cpp. All of it happens once per process
/// because the resolver, the log callback and the backend registry are global in .NET and in llama.cpp.
/// </summary>
public static class LlamaBackend
{
    /// <summary>The folder used when neither an explicit folder nor IDEAHUB_LLAMA_DIR is given.</summary>
    public const string DefaultFolder = "/opt/ideahub/llama-3.22.1";

    private static readonly Lock Gate = new();

    /// <summary>
    /// Held around every native decode. Each context already uses all permitted cores, so two contexts decoding at
    /// once (chat and embeddings) would oversubscribe the CPU, which llama.cpp punishes far more than waiting.
    /// </summary>
    internal static readonly Lock Compute = new();
    private static string? s_libDirectory;
    private static ILogger s_logger = NullLogger.Instance;

    /// <summary>The lib folder in use, or null before the first successful initialisation.</summary>
    public static string? LibraryDirectory => s_libDirectory;

    /// <summary>Resolves the llama.cpp folder: explicit value, then env IDEAHUB_LLAMA_DIR, then <see cref="DefaultFolder"/>.</summary>
    public static string ResolveFolder(string? explicitFolder) =>
        !string.IsNullOrWhiteSpace(explicitFolder) ? explicitFolder
        : Environment.GetEnvironmentVariable("IDEAHUB_LLAMA_DIR") is { Length: > 0 } env ? env
        : DefaultFolder;

    /// <summary>
    /// Initialises llama.cpp from <paramref name="llamaFolder"/> (a folder holding lib/). Later calls with the same
    /// folder are no-ops; a different folder throws because native libraries cannot be unloaded.
    /// </summary>
    public static void EnsureInitialized(string? llamaFolder = null, ILogger? logger = null)
    {
        var libDir = Path.GetFullPath(Path.Combine(ResolveFolder(llamaFolder), "lib"));
        // A missing folder is reported as such even when another folder is already loaded.
        var llama = FindLibrary(libDir, "llama")
            ?? throw new LlamaNativeLibraryException(
                $"llama.cpp native libraries not found in '{libDir}'. Run eng/setup.sh or set IDEAHUB_LLAMA_DIR.");
        lock (Gate)
        {
            if (logger is not null) s_logger = logger;
            if (s_libDirectory is not null)
            {
                if (s_libDirectory != libDir)
                    throw new LlamaNativeLibraryException(
                        $"llama.cpp is already loaded from '{s_libDirectory}'; cannot switch this process to '{libDir}'.");
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(LlamaBackend).Assembly, Resolve);
            s_libDirectory = libDir;
            try
            {
                InitializeNative(libDir);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                throw new LlamaNativeLibraryException($"Cannot load '{llama}': {ex.Message}", ex);
            }
        }
    }

    private static unsafe void InitializeNative(string libDir)
    {
        // The log callback must be in place before backends load, or their start-up chatter goes to stderr.
        NativeMethods.llama_log_set(&OnNativeLog, null);
        var dir = Encoding.UTF8.GetBytes(libDir + "\0");
        fixed (byte* p = dir) NativeMethods.ggml_backend_load_all_from_path(p);
        NativeMethods.llama_backend_init();
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var dir = s_libDirectory;
        if (dir is null) return 0;
        var path = FindLibrary(dir, name);
        return path is null ? 0 : NativeLibrary.Load(path);
    }

    // The npm bundle versions some file names (libllama.v0.5.0.so) and not others (libggml-base.so).
    internal static string? FindLibrary(string dir, string name)
    {
        if (!Directory.Exists(dir)) return null;
        var plain = Path.Combine(dir, $"lib{name}.so");
        if (File.Exists(plain)) return plain;
        return Directory.EnumerateFiles(dir, $"lib{name}.v*.so").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault();
    }

    private static readonly StringBuilder PendingLine = new();

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static unsafe void OnNativeLog(int level, byte* text, void* userData)
    {
        try
        {
            var message = Marshal.PtrToStringUTF8((nint)text) ?? "";
            // llama.cpp emits lines in fragments (level CONT = 5 continues the previous one); log whole lines only.
            lock (PendingLine)
            {
                PendingLine.Append(message);
                if (!message.EndsWith('\n')) return;
                var line = PendingLine.ToString().TrimEnd();
                PendingLine.Clear();
                if (line.Length > 0) s_logger.Log(MapLevel(level), "llama.cpp: {Message}", line);
            }
        }
        catch (Exception)
        {
            // An exception must never unwind into native code; a lost log line is the lesser harm.
        }
    }

    private static LogLevel MapLevel(int level) => level switch
    {
        1 => LogLevel.Debug,
        2 => LogLevel.Debug, // llama.cpp's INFO is load-time detail, too chatty for an application's Information
        3 => LogLevel.Warning,
        4 => LogLevel.Error,
        _ => LogLevel.Trace,
    };
}
