namespace IdeaHub.Web.Duplicates;

/// <summary>Settings under "Duplicates". Weights and thresholds were tuned with <c>IdeaHub.Bench dup-eval --tune</c>.</summary>
public sealed class DuplicateOptions
{
    /// <summary>The embedder search should use; when it differs from the active one, a backfill starts at start-up.</summary>
    public string Embedder { get; set; } = LexicalEmbedder.Id;
    public bool RunWorker { get; set; } = true;
    public int BatchSize { get; set; } = 64;
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(10);

    // Tuned on half of the labelled set's topic families, F1 0.92 on the held-out half (docs/benchmarks.md).
    // Title trigram similarity got weight 0: near-identical titles of different ideas made it misleading;
    // it still finds candidates and is shown as a signal.
    public double VectorWeight { get; set; } = 0.45;
    public double TextWeight { get; set; } = 0.55;
    public double TitleWeight { get; set; }
    /// <summary>Fused score from which a match is called a likely duplicate.</summary>
    public double DuplicateThreshold { get; set; } = 0.25;
    /// <summary>Fused score below which a candidate is not shown at all.</summary>
    public double ShowThreshold { get; set; } = 0.12;

    public double VectorSignal { get; set; } = 0.3;
    public double TextSignal { get; set; } = 0.25;
    public double TitleSignal { get; set; } = 0.4;
}
