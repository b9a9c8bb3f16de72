using System.Text.Json;
using IdeaHub.Web.Data;
using IdeaHub.Web.Proposals;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Assistant;

/// <summary>
/// A critique stored as it streams: each suggestion that completes and validates is saved as pending (so the ASN can
/// accept it while the model writes the rest) and sent to the panel at once; the summary is sent as soon as it closes.
/// </summary>
internal sealed class StreamedCritique(IdeaHubDb db, AssistantRun run, PromptTemplate prompt)
{
    private readonly CritiqueStreamParser _parser = new(prompt.OutputSchema);
    private readonly List<AssistantSuggestion> _rows = [];
    private readonly List<string> _rejected = [];
    private string? _summary;

    public string Text => _parser.Text;

    public async Task<IReadOnlyList<AssistantEvent>> PushAsync(string chunk)
    {
        var events = new List<AssistantEvent>();
        foreach (var part in _parser.Push(chunk))
        {
            var row = part switch
            {
                FieldPart f => new AssistantSuggestion { Kind = "field", Field = f.Suggestion.Field, Suggestion = f.Suggestion.Suggestion, Reason = f.Suggestion.Reason },
                IndicatorPart i => new AssistantSuggestion
                {
                    Kind = "indicator", Field = "indicators", Suggestion = ProposalText.Indicator(i.Indicator.Indicator), Reason = i.Indicator.Reason,
                    Indicator = JsonSerializer.Serialize(i.Indicator.Indicator, ProposalSnapshot.Json),
                },
                _ => null,
            };
            if (part is SummaryPart s) events.Add(new AssistantEvent("summary", run.Id, Summary: _summary = s.Summary));
            if (part is RejectedPart r) _rejected.Add($"{r.Path}: {string.Join(", ", r.Errors)}");
            if (row is null) continue;
            (row.PemkabId, row.RunId, row.ProposalId, row.Position) = (run.PemkabId, run.Id, run.ProposalId, _rows.Count);
            _rows.Add(row);
            db.Add(row);
            await db.SaveChangesAsync(CancellationToken.None);
            events.Add(new AssistantEvent("suggestion", run.Id, Suggestions: [SuggestionDto.From(row)]));
        }
        return events;
    }

    /// <summary>
    /// The whole answer decides the run's status. Suggestions already shown stay (each was valid on its own); an answer
    /// cut off or broken after them says how many remain usable.
    /// </summary>
    public AssistantEvent Finish(IStringLocalizer<AssistantText> t)
    {
        run.Output = Text;
        var parsed = _parser.Finish();
        if (!parsed.Ok || _rejected.Count > 0)
        {
            var invalid = AssistantResults.Invalid(run, [.. _rejected, .. parsed.Errors], t);
            return _rows.Count == 0 ? invalid : invalid with { Message = t["Run.invalid_output.partial", _rows.Count] };
        }
        run.Status = RunStatus.Succeeded;
        return new AssistantEvent("done", run.Id, Status: run.Status, Summary: _summary ?? parsed.Value!.Summary,
            Suggestions: _rows.Select(SuggestionDto.From).ToList());
    }
}
