using System.Globalization;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Rankings;

/// <summary>Marker for the rankings feature's resource strings.</summary>
public sealed class RankingsText;

/// <summary>Turns a rank's explanation into a sentence in the request's language ("skor 4,20 dari 5 ulasan; …").</summary>
public sealed class ExplanationText(IStringLocalizer<RankingsText> l)
{
    public string Rule => l["Rule"];

    /// <summary>The same facts in plain words, for the leadership: "dinilai 4 penilai, rata-rata 3,9 dari 5; didukung 5 dari 7 Kepala OPD".</summary>
    public string Plain(RankExplanation e)
    {
        var c = CultureInfo.CurrentCulture;
        var reviews = l["Plain.Reviews", e.ReviewCount, e.RawMean.ToString("0.0", c)];
        return e.VoteCount > 0 ? reviews + "; " + l["Plain.Votes", e.SupportCount, e.VoteCount] : reviews + "; " + l["Explain.NoVotes"];
    }

    public string Format(RankExplanation e)
    {
        var c = CultureInfo.CurrentCulture;
        var parts = new List<string>
        {
            l["Explain.Score", e.Bayesian.ToString("0.00", c), e.ReviewCount, e.RawMean.ToString("0.00", c)],
            l["Explain.Month", e.MonthMean.ToString("0.00", c), e.M.ToString("0.#", c)],
            e.Wilson is double w
                ? l["Explain.Votes", e.SupportCount, e.VoteCount, w.ToString("0.00", c)]
                : l["Explain.NoVotes"],
        };
        if (e.TieBreak is not null) parts.Add(l["Explain.Tie", l["Tie." + e.TieBreak]]);
        return string.Join("; ", parts);
    }
}
