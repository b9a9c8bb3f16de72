using IdeaHub.Bench.Duplicates;
using IdeaHub.Bench.Llm;

// Sub-commands of the benchmark console; each feature adds one case.
return args.FirstOrDefault() switch
{
    "dup-eval" => await DupEval.RunAsync(args[1..]),
    "dup-bench" => await DupBench.RunAsync(args[1..]),
    "llm" => await LlmBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: IdeaHub.Bench <dup-eval [--tune] | dup-bench [--n 100000] [--queries 200] | llm [--runs 3] [--threads 2]>");
    return 1;
}
