using System.Diagnostics;
using System.Globalization;
using IdeaHub.Bench.Rankings;
using IdeaHub.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IdeaHub.Bench.Catalogue;

/// <summary>
/// national-index [--n 2000] [--iterations 10] [--data DIR]: n running innovations of kab-tegal this year (2 indicators,
/// 12 realisations, one 20 KB evidence file each); p50/p95 of GET /api/export/national-index/{year}.xlsx and .zip (as
/// Tim Inovasi, through HTTP) against a plain COPY … TO STDOUT of the same rows (profiles, indicators, realisations;
/// for the ZIP also the evidence bytes), measured round-robin in the same run.
/// </summary>
public static class ExportBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var n = int.Parse(Option(args, "--n") ?? "2000", CultureInfo.InvariantCulture);
        var iterations = int.Parse(Option(args, "--iterations") ?? "10", CultureInfo.InvariantCulture);
        var pg = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = Option(args, "--data") ?? "/tmp/ideahub-bench-export", Ephemeral = true },
            NullLogger.Instance);
        try
        {
            var cs = await pg.CreateDatabaseAsync($"export_{n}");
            var app = await BenchApp.StartAsync(cs);
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            var sw = Stopwatch.StartNew();
            var sql = new StreamReader(typeof(ExportBench).Assembly.GetManifestResourceStream("export-bench-data.sql")!).ReadToEnd()
                .Replace("@n", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            foreach (var chunk in sql.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                await using (var cmd = new NpgsqlCommand(chunk, conn) { CommandTimeout = 0 }) await cmd.ExecuteNonQueryAsync();
            Console.WriteLine($"Generated {n:N0} innovations in {sw.Elapsed.TotalSeconds:F1} s; {Environment.ProcessorCount} cores");
            var year = DateTime.UtcNow.Year;
            using var reviewer = await app.ClientAsAsync("reviewer");
            const string rows = "FROM proposal p WHERE p.title LIKE 'Inovasi ekspor %'";
            string[] copies =
            [
                $"COPY (SELECT p.id, p.title, p.opd_id, p.stage, p.initiator, p.kind, p.form, p.urusan, p.trial_date, p.implementation_date, p.problem, p.design, p.goals, p.benefits, p.results, p.status {rows}) TO STDOUT",
                $"COPY (SELECT i.* FROM indicator i WHERE i.proposal_id IN (SELECT p.id {rows})) TO STDOUT",
                $"COPY (SELECT r.indicator_id, r.period, r.value, r.note FROM indicator_realisation r WHERE r.proposal_id IN (SELECT p.id {rows})) TO STDOUT",
            ];
            var evidence = $"COPY (SELECT e.file_name, e.content FROM evidence e WHERE e.proposal_id IN (SELECT p.id {rows})) TO STDOUT (FORMAT binary)";
            (string Label, Func<Task<long>> Op)[] ops =
            [
                ($"GET /api/export/national-index/{year}.xlsx", async () => (await reviewer.GetByteArrayAsync($"/api/export/national-index/{year}.xlsx")).LongLength),
                ("COPY profiles + indicators + realisations TO STDOUT", () => CopyAsync(conn, copies)),
                ($"GET /api/export/national-index/{year}.zip", async () => (await reviewer.GetByteArrayAsync($"/api/export/national-index/{year}.zip")).LongLength),
                ("COPY the same + evidence bytes TO STDOUT", () => CopyAsync(conn, [.. copies, evidence])),
            ];
            foreach (var (label, op) in ops) Console.WriteLine($"  {label}: {await op():N0} bytes");
            var samples = ops.Select(_ => new List<double>()).ToArray();
            for (var i = 0; i < iterations; i++)
                for (var k = 0; k < ops.Length; k++)
                {
                    var t = Stopwatch.StartNew();
                    await ops[k].Op();
                    samples[k].Add(t.Elapsed.TotalMilliseconds);
                }
            Console.WriteLine($"\n{iterations} rounds, round-robin after one warm-up\n\n| what | p50 ms | p95 ms |\n| --- | ---: | ---: |");
            var p = samples.Select(Percentiles).ToArray();
            for (var k = 0; k < ops.Length; k++) Console.WriteLine($"| {ops[k].Label} | {p[k].P50:F1} | {p[k].P95:F1} |");
            Console.WriteLine($"\nXLSX p50 / COPY p50 = {p[0].P50 / p[1].P50:F2}; ZIP p50 / COPY p50 = {p[2].P50 / p[3].P50:F2} (target ≤ 3)");
            Console.WriteLine($"Load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            await pg.StopAsync();
        }
    }

    private static async Task<long> CopyAsync(NpgsqlConnection conn, IEnumerable<string> copies)
    {
        long total = 0;
        var buffer = new byte[81920];
        var chars = new char[81920];
        foreach (var copy in copies)
        {
            int read;
            if (copy.Contains("FORMAT binary", StringComparison.Ordinal))
            {
                await using var s = await conn.BeginRawBinaryCopyAsync(copy);
                while ((read = await s.ReadAsync(buffer, 0, buffer.Length)) > 0) total += read;
            }
            else
            {
                using var r = await conn.BeginTextExportAsync(copy);
                while ((read = await r.ReadAsync(chars, 0, chars.Length)) > 0) total += read;
            }
        }
        return total;
    }

    private static (double P50, double P95) Percentiles(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return (sorted[(int)(sorted.Length * 0.50)], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.95) - 1)]);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
