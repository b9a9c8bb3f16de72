using IdeaHub.Bench.Duplicates;

// Sub-commands of the benchmark console; each feature adds one case.
return args.FirstOrDefault() switch
{
    "dup-eval" => await DupEval.RunAsync(args[1..]),
    "dup-bench" => await DupBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: IdeaHub.Bench <dup-eval [--tune] | dup-bench [--n 100000] [--queries 200]>");
    return 1;
}
