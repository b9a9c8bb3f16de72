using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace IdeaHub.Tests.Benchmarks;

/// <summary>
/// Every bench command of docs/benchmarks.md, run once at a smoke size (seconds, tiny n) as its own process, so a
/// change that breaks a bench fails the test run instead of the next person who measures. The numbers are not
/// looked at: a smoke run proves that the command still sets up, runs every phase and prints its report.
/// A new bench command adds one row here.
/// </summary>
[Trait("Category", "BenchSmoke")]
public sealed class BenchSmokeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData("import --rows 40 --sample 3", "faster than the peer")]
    [InlineData("dup-eval", "Active embedder")]
    [InlineData("assistant --words 300 --users 1 --tokens 4 --no-write", "| words | reuse | users |")]
    [InlineData("dup-bench --n 2000 --queries 10", "API POST /api/similar")]
    [InlineData("rankings --scale 0.0005 --iterations 3 --data {tmp}", "| what | p50 ms | p95 ms |")]
    [InlineData("national-index --n 20 --iterations 2 --data {tmp}", "XLSX p50 / COPY p50")]
    [InlineData("catalogue --n 2000 --iterations 3 --data {tmp}", "API p95 / ILIKE p95")]
    [InlineData("signalr --clients 20 --rate 10 --seconds 2 --warmup 1 --rounds 1", "SignalR p99 / floor p99")]
    public async Task Bench_command_runs_at_smoke_size(string command, string expected)
    {
        // Not created here: a bench's embedded server (run as user postgres when root) creates it readable.
        var tmp = new DirectoryInfo(Path.Combine(Path.GetTempPath(), $"ideahub-bench-smoke-{Guid.NewGuid():N}"));
        try
        {
            var (exit, text) = await RunBenchAsync(command.Replace("{tmp}", tmp.FullName, StringComparison.Ordinal));
            output.WriteLine(text);
            Assert.True(exit == 0, $"`IdeaHub.Bench {command}` exited {exit}");
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        finally
        {
            try { if (tmp.Exists) tmp.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The bench built beside this test assembly (same configuration; the project reference builds it first).</summary>
    public static string BenchAssembly()
    {
        var testBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var marker = $"{Path.DirectorySeparatorChar}IdeaHub.Tests{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}";
        var at = testBin.LastIndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"unexpected test output folder {testBin}");
        var path = Path.Combine(testBin[..at], "IdeaHub.Bench", "bin", testBin[(at + marker.Length)..], "IdeaHub.Bench.dll");
        Assert.True(File.Exists(path), $"{path} not built");
        return path;
    }

    private static async Task<(int Exit, string Output)> RunBenchAsync(string arguments)
    {
        var bench = BenchAssembly();
        // The native launcher, as `dotnet run` uses: the signalr bench starts its server half as its own process path.
        var psi = new ProcessStartInfo(Path.ChangeExtension(bench, null))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)) psi.ArgumentList.Add(a);
        // Benches find the repository from their working directory (models, docs).
        psi.WorkingDirectory = RepoRoot(bench);
        using var p = Process.Start(psi)!;
        var text = new StringBuilder();
        void Append(string? line) { if (line is not null) lock (text) text.AppendLine(line); }
        p.OutputDataReceived += (_, e) => Append(e.Data);
        p.ErrorDataReceived += (_, e) => Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var bound = new CancellationTokenSource(Bound);
        try
        {
            await p.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            Append($"killed after {Bound}");
        }
        lock (text) return (p.ExitCode, text.ToString());
    }

    private static string RepoRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "IdeaHub.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("IdeaHub.sln not found above " + start);
    }
}
