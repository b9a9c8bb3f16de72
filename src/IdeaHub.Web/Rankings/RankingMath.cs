namespace IdeaHub.Web.Rankings;

/// <summary>One proposal's figures for one month, as kept in the aggregate table.</summary>
/// <param name="ScoreSum">Sum of the month's reviews' weighted rubric scores.</param>
/// <param name="VoteCount">Kepala OPD votes, own-OPD votes already excluded.</param>
public sealed record ProposalTally(
    Guid ProposalId, string Title, DateTimeOffset? SubmittedAt,
    int ReviewCount, double ScoreSum, int SupportCount, int VoteCount);

/// <summary>Why a proposal sits where it does: every number needed to recompute its rank.</summary>
/// <param name="TieBreak">Which rule separated it from the proposal ranked just above, when their scores were equal.</param>
public sealed record RankExplanation(
    int ReviewCount, double RawMean, double MonthMean, double M, double Bayesian,
    int SupportCount, int VoteCount, double? Wilson, string? TieBreak);

public sealed record RankedProposal(int Rank, ProposalTally Tally, RankExplanation Explanation);

/// <summary>The month's ranking: the proposals with the month's mean C and weight m.</summary>
public sealed record MonthRankingResult(double? MonthMean, double? MedianReviews, IReadOnlyList<RankedProposal> Items);

/// <summary>
/// The ranking maths (domain notes, "Ranking the month's top innovations"), pure so it can be checked by hand.
/// Order: Bayesian score, then Wilson lower bound (no votes counts as lowest), then more reviews, then earlier
/// submission (never submitted counts as latest), then title (ordinal), then id.
/// </summary>
public static class RankingMath
{
    public const double Z95 = 1.959963984540054;
    private const double Epsilon = 1e-9;

    public static class TieBreaks
    {
        public const string Wilson = "wilson";
        public const string Reviews = "reviews";
        public const string Submitted = "submitted";
        public const string Title = "title";
    }

    /// <summary>Weighted rubric score of one review: Σ wᵢ·sᵢ / Σ wᵢ over the criteria it scored; null when none.</summary>
    public static double? WeightedScore(IEnumerable<(decimal Weight, int Score)> scores)
    {
        decimal weights = 0, sum = 0;
        foreach (var (w, s) in scores) { weights += w; sum += w * s; }
        return weights == 0 ? null : (double)(sum / weights);
    }

    /// <summary>Lower bound of the Wilson score interval (95%) for k successes in n trials; null when n = 0.</summary>
    public static double? WilsonLowerBound(int k, int n, double z = Z95)
    {
        if (n <= 0) return null;
        var p = (double)k / n;
        var z2 = z * z;
        var centre = p + z2 / (2 * n);
        var margin = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.Max(0, (centre - margin) / (1 + z2 / n));
    }

    public static double Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /// <summary>(C·m + Σ scores) / (m + n).</summary>
    public static double Bayesian(double monthMean, double m, int n, double scoreSum) => (monthMean * m + scoreSum) / (m + n);

    /// <summary>Ranks the proposals reviewed in the month (tallies without reviews are ignored).</summary>
    public static MonthRankingResult Rank(IEnumerable<ProposalTally> tallies)
    {
        var reviewed = tallies.Where(t => t.ReviewCount > 0).ToList();
        if (reviewed.Count == 0) return new MonthRankingResult(null, null, []);
        var c = reviewed.Sum(t => t.ScoreSum) / reviewed.Sum(t => t.ReviewCount);
        var m = Median(reviewed.Select(t => t.ReviewCount).ToList());

        var scored = reviewed
            .Select(t => (Tally: t, Bayes: Bayesian(c, m, t.ReviewCount, t.ScoreSum), Wilson: WilsonLowerBound(t.SupportCount, t.VoteCount)))
            .ToList();
        scored.Sort((a, b) => Compare(a, b));

        var items = new List<RankedProposal>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var (t, bayes, wilson) = scored[i];
            var tieBreak = i > 0 && Math.Abs(scored[i - 1].Bayes - bayes) < Epsilon ? DecidingRule(scored[i - 1], scored[i]) : null;
            items.Add(new RankedProposal(i + 1, t, new RankExplanation(
                t.ReviewCount, t.ScoreSum / t.ReviewCount, c, m, bayes, t.SupportCount, t.VoteCount, wilson, tieBreak)));
        }
        return new MonthRankingResult(c, m, items);
    }

    private static int Compare((ProposalTally Tally, double Bayes, double? Wilson) a, (ProposalTally Tally, double Bayes, double? Wilson) b)
    {
        if (Math.Abs(a.Bayes - b.Bayes) >= Epsilon) return b.Bayes.CompareTo(a.Bayes);
        var byWilson = CompareWilson(a.Wilson, b.Wilson);
        if (byWilson != 0) return byWilson;
        if (a.Tally.ReviewCount != b.Tally.ReviewCount) return b.Tally.ReviewCount.CompareTo(a.Tally.ReviewCount);
        var bySubmitted = CompareSubmitted(a.Tally.SubmittedAt, b.Tally.SubmittedAt);
        if (bySubmitted != 0) return bySubmitted;
        var byTitle = string.CompareOrdinal(a.Tally.Title, b.Tally.Title);
        return byTitle != 0 ? byTitle : a.Tally.ProposalId.CompareTo(b.Tally.ProposalId);
    }

    private static int CompareWilson(double? a, double? b)
    {
        var x = a ?? -1;
        var y = b ?? -1;
        return Math.Abs(x - y) < Epsilon ? 0 : y.CompareTo(x);
    }

    private static int CompareSubmitted(DateTimeOffset? a, DateTimeOffset? b) =>
        (a ?? DateTimeOffset.MaxValue).CompareTo(b ?? DateTimeOffset.MaxValue);

    private static string DecidingRule((ProposalTally Tally, double Bayes, double? Wilson) above, (ProposalTally Tally, double Bayes, double? Wilson) below)
    {
        if (CompareWilson(above.Wilson, below.Wilson) != 0) return TieBreaks.Wilson;
        if (above.Tally.ReviewCount != below.Tally.ReviewCount) return TieBreaks.Reviews;
        if (CompareSubmitted(above.Tally.SubmittedAt, below.Tally.SubmittedAt) != 0) return TieBreaks.Submitted;
        return TieBreaks.Title;
    }
}
