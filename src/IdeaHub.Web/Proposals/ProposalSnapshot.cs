using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdeaHub.Web.Proposals;

public sealed record IndicatorData(
    string Name, string Unit, decimal? Baseline, decimal? Target, DateOnly? TargetDate,
    [property: JsonConverter(typeof(JsonStringEnumConverter<IndicatorDirection>))] IndicatorDirection Direction = IndicatorDirection.Auto);

/// <summary>Every editable field of a proposal plus its indicators: what a revision stores and what an edit submits.</summary>
public sealed record ProposalSnapshot(
    string Title,
    [property: JsonConverter(typeof(JsonStringEnumConverter<InnovationStage>))] InnovationStage Stage,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Initiator>))] Initiator Initiator,
    [property: JsonConverter(typeof(JsonStringEnumConverter<InnovationKind>))] InnovationKind Kind,
    [property: JsonConverter(typeof(JsonStringEnumConverter<InnovationForm>))] InnovationForm Form,
    string Urusan,
    DateOnly? TrialDate, DateOnly? ImplementationDate,
    string Problem, string Design, string Goals, string Benefits, string Results,
    IReadOnlyList<IndicatorData> Indicators)
{
    /// <summary>The free-text fields, in form order; the assistant may only ever suggest for these.</summary>
    public static readonly IReadOnlyList<string> TextFields = ["title", "problem", "design", "goals", "benefits", "results"];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static ProposalSnapshot Empty { get; } = new("", InnovationStage.Inisiatif, Initiator.Asn, InnovationKind.Digital,
        InnovationForm.PelayananPublik, "", null, null, "", "", "", "", "", []);

    public static ProposalSnapshot From(Proposal p) => new(
        p.Title, p.Stage, p.Initiator, p.Kind, p.Form, p.Urusan, p.TrialDate, p.ImplementationDate,
        p.Problem, p.Design, p.Goals, p.Benefits, p.Results,
        p.Indicators.OrderBy(i => i.Position)
            .Select(i => new IndicatorData(i.Name, i.Unit, i.Baseline, i.Target, i.TargetDate, i.Direction)).ToList());

    public static ProposalSnapshot Parse(string json) => JsonSerializer.Deserialize<ProposalSnapshot>(json, Json)!;

    public bool SameAs(ProposalSnapshot other) =>
        this with { Indicators = Array.Empty<IndicatorData>() } == other with { Indicators = Array.Empty<IndicatorData>() } && Indicators.SequenceEqual(other.Indicators);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The editor's field names (form order) whose values differ from <paramref name="other"/>'s.</summary>
    public IReadOnlyList<string> ChangedFields(ProposalSnapshot other)
    {
        var changed = new List<string>();
        void Check(string name, bool same) { if (!same) changed.Add(name); }
        Check("title", Title == other.Title);
        Check("stage", Stage == other.Stage);
        Check("initiator", Initiator == other.Initiator);
        Check("kind", Kind == other.Kind);
        Check("form", Form == other.Form);
        Check("urusan", Urusan == other.Urusan);
        Check("trialDate", TrialDate == other.TrialDate);
        Check("implementationDate", ImplementationDate == other.ImplementationDate);
        Check("problem", Problem == other.Problem);
        Check("design", Design == other.Design);
        Check("goals", Goals == other.Goals);
        Check("benefits", Benefits == other.Benefits);
        Check("results", Results == other.Results);
        Check("indicators", Indicators.SequenceEqual(other.Indicators));
        return changed;
    }

    /// <summary>Copies the fields onto the entity; indicators are replaced as a whole.</summary>
    public void ApplyTo(Proposal p)
    {
        (p.Title, p.Stage, p.Initiator, p.Kind, p.Form, p.Urusan) = (Title, Stage, Initiator, Kind, Form, Urusan);
        (p.TrialDate, p.ImplementationDate) = (TrialDate, ImplementationDate);
        (p.Problem, p.Design, p.Goals, p.Benefits, p.Results) = (Problem, Design, Goals, Benefits, Results);
        p.Indicators.Clear();
        p.Indicators.AddRange(Indicators.Select((d, n) => new Indicator
        {
            ProposalId = p.Id, Position = n, Name = d.Name, Unit = d.Unit, Baseline = d.Baseline, Target = d.Target,
            TargetDate = d.TargetDate, Direction = d.Direction,
        }));
    }

    public string Text(string field) => field switch
    {
        "title" => Title,
        "problem" => Problem,
        "design" => Design,
        "goals" => Goals,
        "benefits" => Benefits,
        "results" => Results,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a text field."),
    };

    public ProposalSnapshot WithText(string field, string value) => field switch
    {
        "title" => this with { Title = value },
        "problem" => this with { Problem = value },
        "design" => this with { Design = value },
        "goals" => this with { Goals = value },
        "benefits" => this with { Benefits = value },
        "results" => this with { Results = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a text field."),
    };
}
