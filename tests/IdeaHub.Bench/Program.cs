using IdeaHub.Bench.Llm;

return args.FirstOrDefault() switch
{
    "llm" => await LlmBench.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/IdeaHub.Bench -- llm");
    return 2;
}
