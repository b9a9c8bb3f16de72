using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Proposals;

/// <summary>An indicator; baseline and target are numeric(20,4): at most 16 digits before the point (|x| ≤ <see cref="MaxValue"/>).</summary>
public sealed record IndicatorInput(string? Name, string? Unit,
    [property: Range(typeof(decimal), IndicatorInput.MinText, IndicatorInput.MaxText, ParseLimitsInInvariantCulture = true)] decimal? Baseline,
    [property: Range(typeof(decimal), IndicatorInput.MinText, IndicatorInput.MaxText, ParseLimitsInInvariantCulture = true)] decimal? Target,
    DateOnly? TargetDate, string? Direction)
{
    public const string MaxText = "9999999999999999.9999";
    public const string MinText = "-9999999999999999.9999";
    public const decimal MaxValue = 9999999999999999.9999m;

    public static bool InRange(decimal? value) => value is not decimal v || Math.Abs(v) <= MaxValue;
}

/// <summary>What a client sends to create or update a proposal; enums travel as their names.</summary>
public sealed record ProposalInput(
    string? Title, string? Stage, string? Initiator, string? Kind, string? Form, string? Urusan,
    DateOnly? TrialDate, DateOnly? ImplementationDate,
    string? Problem, string? Design, string? Goals, string? Benefits, string? Results,
    IReadOnlyList<IndicatorInput>? Indicators, uint? Version = null, string? Source = null)
{
    public const int MaxTitle = 200;
    public const int MaxText = 20_000;
    public const int MaxIndicators = 20;
    public const int MaxShort = 200;

    public static ProposalInput From(ProposalSnapshot s) => new(
        s.Title, s.Stage.ToString(), s.Initiator.ToString(), s.Kind.ToString(), s.Form.ToString(), s.Urusan,
        s.TrialDate, s.ImplementationDate, s.Problem, s.Design, s.Goals, s.Benefits, s.Results,
        s.Indicators.Select(i => new IndicatorInput(i.Name, i.Unit, i.Baseline, i.Target, i.TargetDate, i.Direction.ToString())).ToList());

    /// <summary>Checks sizes and enumerations; a draft may be incomplete, but never oversized or malformed.</summary>
    public (ProposalSnapshot? Snapshot, Dictionary<string, string[]> Errors) Validate(IStringLocalizer<ProposalsText> t)
    {
        var errors = new Dictionary<string, string[]>();
        void Text(string key, string? value, int max)
        {
            if (value is { Length: var n } && n > max) errors[key] = [t["Validation.TooLong", max]];
        }
        if (string.IsNullOrWhiteSpace(Title)) errors["title"] = [t["Validation.TitleRequired"]];
        Text("title", Title, MaxTitle);
        Text("problem", Problem, MaxText);
        Text("design", Design, MaxText);
        Text("goals", Goals, MaxText);
        Text("benefits", Benefits, MaxText);
        Text("results", Results, MaxText);
        if (!string.IsNullOrEmpty(Urusan) && !Proposals.Urusan.IsValid(Urusan)) errors["urusan"] = [t["Validation.UnknownUrusan"]];
        var stage = ParseEnum(Stage, InnovationStage.Inisiatif, "stage", errors, t);
        var initiator = ParseEnum(Initiator, Proposals.Initiator.Asn, "initiator", errors, t);
        var kind = ParseEnum(Kind, InnovationKind.Digital, "kind", errors, t);
        var form = ParseEnum(Form, InnovationForm.PelayananPublik, "form", errors, t);
        var indicators = new List<IndicatorData>();
        if (Indicators is { Count: > MaxIndicators }) errors["indicators"] = [t["Validation.TooManyIndicators", MaxIndicators]];
        foreach (var (i, n) in (Indicators ?? []).Take(MaxIndicators).Select((i, n) => (i, n)))
        {
            if (i is null) continue;
            if (string.IsNullOrWhiteSpace(i.Name)) errors[$"indicators[{n}].name"] = [t["Validation.IndicatorNameRequired"]];
            Text($"indicators[{n}].name", i.Name, MaxShort);
            Text($"indicators[{n}].unit", i.Unit, MaxShort);
            if (!IndicatorInput.InRange(i.Baseline)) errors[$"indicators[{n}].baseline"] = [t["Validation.NumberRange", IndicatorInput.MaxValue]];
            if (!IndicatorInput.InRange(i.Target)) errors[$"indicators[{n}].target"] = [t["Validation.NumberRange", IndicatorInput.MaxValue]];
            var direction = ParseEnum(i.Direction, IndicatorDirection.Auto, $"indicators[{n}].direction", errors, t);
            indicators.Add(new IndicatorData(i.Name?.Trim() ?? "", i.Unit?.Trim() ?? "", i.Baseline, i.Target, i.TargetDate, direction));
        }
        if (errors.Count > 0) return (null, errors);
        return (new ProposalSnapshot(Title!.Trim(), stage, initiator, kind, form, Urusan ?? "", TrialDate, ImplementationDate,
            Problem ?? "", Design ?? "", Goals ?? "", Benefits ?? "", Results ?? "", indicators), errors);
    }

    private static T ParseEnum<T>(string? value, T fallback, string key, Dictionary<string, string[]> errors, IStringLocalizer<ProposalsText> t)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value)) return fallback;
        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        errors[key] = [t["Validation.UnknownValue", string.Join(", ", Enum.GetNames<T>())]];
        return fallback;
    }
}
