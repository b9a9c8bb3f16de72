using IdeaHub.LlamaCpp.Models;
using Spectre.Console;

namespace IdeaHub.Cli;

/// <summary>ideahub models list | verify [NAME] | pull NAME [--allow-unpinned]  (options: --manifest FILE, --dir FOLDER).</summary>
internal static class ModelsCommand
{
    private const string Usage = "usage: ideahub models list | verify [NAME] | pull NAME [--allow-unpinned] [--manifest FILE] [--dir FOLDER]";

    public static async Task<int> RunAsync(string[] args)
    {
        var positional = new List<string>();
        string? manifestPath = null, dir = null;
        var allowUnpinned = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--manifest" when i + 1 < args.Length: manifestPath = args[++i]; break;
                case "--dir" when i + 1 < args.Length: dir = args[++i]; break;
                case "--allow-unpinned": allowUnpinned = true; break;
                default: positional.Add(args[i]); break;
            }
        }
        if (positional.Count < 2 || positional[0] != "models")
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        manifestPath ??= FindManifest();
        if (manifestPath is null || !File.Exists(manifestPath))
        {
            Console.Error.WriteLine("models/manifest.json not found; run from the repository or pass --manifest.");
            return 2;
        }
        var manifest = ModelManifest.Load(manifestPath);
        dir ??= Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        try
        {
            return positional[1] switch
            {
                "list" => List(manifest, dir),
                "verify" => await VerifyAsync(manifest, dir, positional.ElementAtOrDefault(2)),
                "pull" when positional.Count > 2 => await PullAsync(manifest.Find(positional[2]), dir, allowUnpinned),
                _ => Fail(Usage),
            };
        }
        catch (Exception ex) when (ex is ModelVerificationException or KeyNotFoundException or HttpRequestException or IOException)
        {
            return Fail(ex.Message);
        }
    }

    private static int List(ModelManifest manifest, string dir)
    {
        var table = new Table().AddColumns("name", "role", "context", "licence", "installed", "sha256");
        foreach (var m in manifest.Models)
            table.AddRow(m.Name, m.Role, m.ContextLength.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(m.Licence),
                File.Exists(Path.Combine(dir, m.File)) ? "yes" : "no", m.IsPinned ? "pinned" : "[yellow]to be verified[/]");
        AnsiConsole.Write(table);
        return 0;
    }

    private static async Task<int> VerifyAsync(ModelManifest manifest, string dir, string? name)
    {
        var failures = 0;
        foreach (var m in name is null ? manifest.Models : [manifest.Find(name)])
        {
            var path = Path.Combine(dir, m.File);
            if (!File.Exists(path))
            {
                if (name is not null) failures++;
                AnsiConsole.MarkupLine($"{Markup.Escape(m.Name)}: [grey]not installed[/]");
                continue;
            }
            try
            {
                var sha = await ModelDownloader.VerifyAsync(m, path);
                AnsiConsole.MarkupLine(m.IsPinned ? $"{Markup.Escape(m.Name)}: [green]ok[/] {sha}" : $"{Markup.Escape(m.Name)}: [yellow]unpinned[/] sha256 {sha}");
            }
            catch (ModelVerificationException ex)
            {
                failures++;
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> PullAsync(ModelManifestEntry entry, string dir, bool allowUnpinned)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var downloader = new ModelDownloader(http);
        string path = "";
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(entry.Name), maxValue: entry.Size ?? 1);
                var progress = new Progress<DownloadProgress>(p =>
                {
                    if (p.Total is { } t) task.MaxValue = t;
                    task.Value = p.Bytes;
                });
                path = await downloader.PullAsync(entry, dir, progress, allowUnpinned);
                task.Value = task.MaxValue;
            });
        var sha = await ModelDownloader.Sha256Async(path);
        AnsiConsole.MarkupLine(entry.IsPinned ? $"[green]verified[/] {Markup.Escape(path)}" : $"[yellow]downloaded, unpinned[/] {Markup.Escape(path)} sha256 {sha}: pin it in the manifest");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }

    private static string? FindManifest()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "models", "manifest.json");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
