namespace IdeaHub.Bench.Duplicates;

internal static class DupBench
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length);
}
