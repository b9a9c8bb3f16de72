using IdeaHub.Web.Rankings;

namespace IdeaHub.Tests.Rankings;

/// <summary>The ranking maths against numbers worked out by hand (see each test's comment).</summary>
public sealed class RankingMathTests
{
    private static ProposalTally Tally(string title, int n, double sum, int support = 0, int votes = 0, DateTimeOffset? submitted = null) =>
        new(Guid.NewGuid(), title, submitted ?? new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), n, sum, support, votes);

    [Fact]
    public void Weighted_score_divides_by_the_weights_of_the_criteria_scored()
    {
        // (1·4 + 1.5·5 + 1·2) / (1 + 1.5 + 1) = 13.5 / 3.5
        Assert.Equal(3.857142857, RankingMath.WeightedScore([(1m, 4), (1.5m, 5), (1m, 2)])!.Value, 9);
        Assert.Null(RankingMath.WeightedScore([]));
    }

    [Fact]
    public void Wilson_lower_bound_at_95_percent()
    {
        // 3 of 4: (0.75 + 1.96²/8 − 1.96·√(0.75·0.25/4 + 1.96²/64)) / (1 + 1.96²/4) = 0.30064
        Assert.Equal(0.30064, RankingMath.WilsonLowerBound(3, 4)!.Value, 5);
        // 1 of 2: 0.09453
        Assert.Equal(0.09453, RankingMath.WilsonLowerBound(1, 2)!.Value, 5);
        Assert.Equal(0, RankingMath.WilsonLowerBound(0, 5)!.Value, 9);
        Assert.Null(RankingMath.WilsonLowerBound(0, 0));
    }

    [Fact]
    public void Median_of_odd_and_even_counts()
    {
        Assert.Equal(3, RankingMath.Median([5, 1, 3]));
        Assert.Equal(2.5, RankingMath.Median([1, 4, 2, 3]));
    }

    [Fact]
    public void Few_reviews_are_pulled_toward_the_month_mean()
    {
        // A: one review of 5. B: six reviews of 4.6. C, D: three reviews of 2 each.
        // C = (5 + 27.6 + 6 + 6) / 13 = 3.430769; m = median(1, 6, 3, 3) = 3.
        // A = (3·3.430769 + 5) / 4 = 3.823077; B = (3·3.430769 + 27.6) / 9 = 4.210256.
        var a = Tally("A", 1, 5);
        var b = Tally("B", 6, 27.6);
        var result = RankingMath.Rank([a, b, Tally("C", 3, 6), Tally("D", 3, 6)]);

        Assert.Equal(3.430769, result.MonthMean!.Value, 6);
        Assert.Equal(3, result.MedianReviews);
        Assert.Equal(["B", "A", "C", "D"], result.Items.Select(i => i.Tally.Title));
        Assert.Equal(4.210256, result.Items[0].Explanation.Bayesian, 6);
        Assert.Equal(3.823077, result.Items[1].Explanation.Bayesian, 6);
        Assert.Equal(5, result.Items[1].Explanation.RawMean);
    }

    [Fact]
    public void Ties_are_broken_by_wilson_then_reviews_then_submission_then_title()
    {
        var early = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var late = early.AddDays(3);
        // Every tally has a raw mean of 4 (so the month mean is 4 and every Bayesian score is exactly 4).
        var result = RankingMath.Rank([
            Tally("Tanpa suara", 2, 8, submitted: early),
            Tally("Dukungan 3/4", 2, 8, support: 3, votes: 4),
            Tally("Judul B", 1, 4, submitted: late),
            Tally("Judul A", 1, 4, submitted: late),
            Tally("Lebih awal", 1, 4, submitted: early),
        ]);

        Assert.All(result.Items, i => Assert.Equal(4, i.Explanation.Bayesian, 9));
        Assert.Equal(["Dukungan 3/4", "Tanpa suara", "Lebih awal", "Judul A", "Judul B"], result.Items.Select(i => i.Tally.Title));
        Assert.Equal([null, "wilson", "reviews", "submitted", "title"], result.Items.Select(i => i.Explanation.TieBreak));
        Assert.Equal([1, 2, 3, 4, 5], result.Items.Select(i => i.Rank));
    }

    [Fact]
    public void Empty_month_has_no_ranking_and_no_mean()
    {
        var result = RankingMath.Rank([Tally("Hanya suara", 0, 0, support: 2, votes: 2)]);
        Assert.Empty(result.Items);
        Assert.Null(result.MonthMean);
        Assert.Null(result.MedianReviews);
    }

    [Fact]
    public void Month_boundaries_follow_the_pemkab_clock()
    {
        var wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        Assert.Equal("2026-02", MonthKey.Of(new DateTimeOffset(2026, 1, 31, 17, 30, 0, TimeSpan.Zero), wib).ToString());
        Assert.Equal("2026-01", MonthKey.Of(new DateTimeOffset(2026, 1, 31, 16, 59, 0, TimeSpan.Zero), wib).ToString());
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 17, 0, 0, TimeSpan.Zero), new MonthKey(2026, 2).StartIn(wib));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("26-01")]
    [InlineData("abcd-ef")]
    [InlineData("")]
    public void Bad_month_strings_are_rejected(string text) => Assert.False(MonthKey.TryParse(text, out _));
}
