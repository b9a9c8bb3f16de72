using IdeaHub.Bench.Duplicates;
using IdeaHub.Bench.Rankings;

// Sub-commands of the benchmark console; each feature adds one case.
return args.FirstOrDefault() switch
{
    "dup-eval" => await DupEval.RunAsync(args[1..]),
    "dup-bench" => await DupBench.RunAsync(args[1..]),
    "rankings" => await RankingsBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: IdeaHub.Bench <dup-eval [--tune] | dup-bench [--n 100000] [--queries 200] | rankings [--scale 0.1] [--iterations 100] [--data DIR]>");
    return 1;
}
