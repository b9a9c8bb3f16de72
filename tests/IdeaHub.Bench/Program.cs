using IdeaHub.Bench.Duplicates;
using IdeaHub.Bench.Realtime;

// Sub-commands of the benchmark console; each feature adds one case.
return args.FirstOrDefault() switch
{
    "dup-eval" => await DupEval.RunAsync(args[1..]),
    "dup-bench" => await DupBench.RunAsync(args[1..]),
    "signalr" => await SignalRBench.RunAsync(args[1..]),
    "signalr-server" => await BenchServer.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: IdeaHub.Bench <dup-eval [--tune] | dup-bench [--n 100000] [--queries 200] | signalr [--clients 2000] [--rate 100] [--seconds 20]>");
    return 1;
}
