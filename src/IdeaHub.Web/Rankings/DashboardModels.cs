namespace IdeaHub.Web.Rankings;

/// <summary>What one OPD's proposals created in the month went on to reach.</summary>
public sealed record OpdParticipation(Guid OpdId, string Code, string Name, int Drafted, int Submitted, int Reviewed, int Approved, int Implemented)
{
    public bool None => Drafted == 0;
}

public sealed record CountBy(string Label, int Count);

/// <summary>A month's dashboard figures: participation per OPD (the cohort of proposals created in the month) and breakdowns.</summary>
public sealed record MonthStats(IReadOnlyList<OpdParticipation> Opds, IReadOnlyList<CountBy> ByUrusan, IReadOnlyList<CountBy> ByKind)
{
    public Funnel Funnel => new(Opds.Sum(o => o.Drafted), Opds.Sum(o => o.Submitted), Opds.Sum(o => o.Reviewed),
        Opds.Sum(o => o.Approved), Opds.Sum(o => o.Implemented));
}

public sealed record Funnel(int Drafted, int Submitted, int Reviewed, int Approved, int Implemented);

/// <summary>One month of the 12-month trend; MeanScore is the month's mean weighted review score.</summary>
public sealed record TrendPoint(string Month, Funnel Funnel, int Ranked, double? MeanScore);
