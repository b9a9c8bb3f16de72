using IdeaHub.Bench.Duplicates;
using IdeaHub.Bench.Llm;
using IdeaHub.Bench.Rankings;
using IdeaHub.Bench.Realtime;

// Sub-commands of the benchmark console; each feature adds one case.
return args.FirstOrDefault() switch
{
    "dup-eval" => await DupEval.RunAsync(args[1..]),
    "dup-bench" => await DupBench.RunAsync(args[1..]),
    "llm" => await LlmBench.RunAsync(args[1..]),
    "assistant" => await AssistantBench.RunAsync(args[1..]),
    "import" => await IdeaHub.Bench.Platform.ImportBench.RunAsync(args[1..]),
    "signalr" => await SignalRBench.RunAsync(args[1..]),
    "signalr-server" => await BenchServer.RunAsync(args[1..]),
    "rankings" => await RankingsBench.RunAsync(args[1..]),
    "catalogue" => await IdeaHub.Bench.Catalogue.CatalogueBench.RunAsync(args[1..]),
    "national-index" => await IdeaHub.Bench.Catalogue.ExportBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: IdeaHub.Bench <command> [options]");
    Console.WriteLine("  dup-eval [--tune]                      duplicate detection precision/recall/F1 on the labelled set");
    Console.WriteLine("  dup-bench [--n 100000] [--queries 200] similar-proposal search latency and HNSW recall");
    Console.WriteLine("  llm [--runs 3] [--threads 2]           our binding vs LLamaSharp executors vs C loop vs node-llama-cpp");
    Console.WriteLine("  assistant [--shape small|qwen1.5b] [--words 300,800,1500] [--users 1,4] [--tokens 160] [--no-write]");
    Console.WriteLine("                                         real critique prompt: TTFT, first suggestion, tok/s, with/without prefix reuse");
    Console.WriteLine("  import [--rows 5000] [--sample 200]    CSV user import vs one-by-one creation");
    Console.WriteLine("  signalr [--clients 2000] [--rate 50] [--seconds 20] [--warmup 5] [--rounds 2] [--reviewers 6] [--compare-user] [--verbose]");
    Console.WriteLine("                                         feedback delivery latency vs a bare WebSocket floor");
    Console.WriteLine("  rankings [options]                     dashboard and ranking API latency, pre-aggregated vs naive");
    Console.WriteLine("  catalogue [--n 100000] [--iterations 100] [--data DIR]");
    Console.WriteLine("                                         catalogue search API vs a naive ILIKE peer");
    Console.WriteLine("  national-index [--n 2000] [--iterations 10] [--data DIR]  national-index export vs COPY TO");
    return 1;
}
