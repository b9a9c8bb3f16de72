namespace IdeaHub.Web.Duplicates;

/// <summary>
/// Settings under "Duplicates". The fused score's weights and the flag threshold belong to each embedder
/// (<see cref="EmbedderInfo"/>, stored on its row), because each embedder's scores live on their own scale.
/// </summary>
public sealed class DuplicateOptions
{
    /// <summary>The embedder search should use; when it differs from the active one, a backfill starts at start-up.</summary>
    public string Embedder { get; set; } = LexicalV2Embedder.Id;
    public bool RunWorker { get; set; } = true;
    public int BatchSize { get; set; } = 64;
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Fused score below which a candidate is not shown at all.</summary>
    public double ShowThreshold { get; set; } = 0.1;

    public double VectorSignal { get; set; } = 0.3;
    public double TextSignal { get; set; } = 0.2;
    public double TitleSignal { get; set; } = 0.4;
}
