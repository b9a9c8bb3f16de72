namespace IdeaHub.Web.Rankings;

public sealed record IndicatorView(string Name, string Unit, decimal? Baseline, decimal? Target, DateOnly? TargetDate);

/// <summary>One ranked proposal as the API, dashboard and exports show it.</summary>
public sealed record RankingEntry(
    int Rank, Guid ProposalId, string Title, Guid OpdId, string OpdName, string Stage, string Status,
    int ReviewCount, double RawMean, double Bayesian, int SupportCount, int VoteCount, double? Wilson,
    RankExplanation Explanation, string ExplanationText, IReadOnlyList<IndicatorView> Indicators);

/// <summary>A page of a month's ranking. Closed months come from the frozen snapshot; the open month is live.</summary>
public sealed record RankingPage(
    string Month, bool Closed, DateTimeOffset? ClosedAt, double? MonthMean, double? MedianReviews,
    int Total, int Offset, int Limit, string Rule, IReadOnlyList<RankingEntry> Items);
