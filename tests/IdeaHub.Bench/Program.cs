namespace IdeaHub.Bench;

/// <summary>Benchmarks, one sub-command per feature: dotnet run -c Release --project tests/IdeaHub.Bench -- &lt;name&gt; [options].</summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "rankings":
                return await Rankings.RankingsBench.RunAsync(args[1..]);
            default:
                Console.Error.WriteLine("usage: IdeaHub.Bench <rankings> [options]");
                return 2;
        }
    }
}
