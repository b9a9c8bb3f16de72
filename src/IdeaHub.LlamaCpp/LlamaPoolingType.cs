namespace IdeaHub.LlamaCpp;

/// <summary>How an embedding model pools token vectors into one vector per input (llama_pooling_type).</summary>
public enum LlamaPoolingType
{
    Unspecified = -1,
    None = 0,
    Mean = 1,
    Cls = 2,
    Last = 3,
    Rank = 4,
}
