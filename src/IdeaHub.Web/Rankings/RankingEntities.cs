using IdeaHub.Web.Organisation;

namespace IdeaHub.Web.Rankings;

/// <summary>One proposal's month figures, maintained by database triggers on review, review_score and vote writes.</summary>
public sealed class RankingAggregate : ITenantOwned
{
    public Guid PemkabId { get; set; }
    public string Month { get; set; } = "";
    public Guid ProposalId { get; set; }
    public int ReviewCount { get; set; }
    public double ScoreSum { get; set; }
    public int SupportCount { get; set; }
    public int VoteCount { get; set; }
}

/// <summary>A closed month: written once, never updated (the database refuses updates and deletes).</summary>
public sealed class MonthClose : ITenantOwned
{
    public Guid PemkabId { get; set; }
    public string Month { get; set; } = "";
    public DateTimeOffset ClosedAt { get; set; } = DateTimeOffset.UtcNow;
    public Guid ClosedBy { get; set; }
    public double? MonthMean { get; set; }
    public double? MedianReviews { get; set; }
    public int RankedCount { get; set; }
    /// <summary>The month's dashboard figures (<see cref="MonthStats"/>) as JSON.</summary>
    public string Stats { get; set; } = "{}";
}

/// <summary>One row of a closed month's ranking, with the title, OPD and indicators as they were at close.</summary>
public sealed class RankingSnapshotRow : ITenantOwned
{
    public Guid PemkabId { get; set; }
    public string Month { get; set; } = "";
    public int Rank { get; set; }
    public Guid ProposalId { get; set; }
    public string Title { get; set; } = "";
    public Guid OpdId { get; set; }
    public string OpdName { get; set; } = "";
    public string Stage { get; set; } = "";
    public string Status { get; set; } = "";
    public int ReviewCount { get; set; }
    public double RawMean { get; set; }
    public double Bayesian { get; set; }
    public int SupportCount { get; set; }
    public int VoteCount { get; set; }
    public double? Wilson { get; set; }
    /// <summary><see cref="RankExplanation"/> as JSON.</summary>
    public string Explanation { get; set; } = "{}";
    /// <summary>List of <see cref="IndicatorView"/> as JSON.</summary>
    public string Indicators { get; set; } = "[]";
}
