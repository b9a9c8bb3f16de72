using System.Text.Json;
using IdeaHub.Web.Data;
using IdeaHub.Web.Proposals;
using Microsoft.Extensions.Localization;

namespace IdeaHub.Web.Assistant;

/// <summary>What a finished answer becomes: pending suggestions, and for a draft the proposal's empty fields filled in.</summary>
internal static class AssistantResults
{
    /// <summary>
    /// The idea is the ASN's own words: it stays in Permasalahan (and the title taken from it stays), and the model's
    /// title and problem are only offered as suggestions beside them. Fields the ASN has not written yet are filled in
    /// as one assistant revision.
    /// </summary>
    public static AssistantEvent ApplyDraft(IdeaHubDb db, AssistantRun run, Proposal p, ProposalSnapshot start, PromptTemplate prompt, IStringLocalizer<AssistantText> t)
    {
        var parsed = AssistantOutput.ParseDraft(run.Output!, prompt.OutputSchema, start);
        if (!parsed.Ok) return Invalid(run, parsed.Errors, t);
        var draft = parsed.Value!;
        var filled = start with
        {
            Urusan = Urusan.IsValid(start.Urusan) ? start.Urusan : draft.Urusan,
            Design = Or(start.Design, draft.Design), Goals = Or(start.Goals, draft.Goals),
            Benefits = Or(start.Benefits, draft.Benefits), Results = Or(start.Results, draft.Results),
            Indicators = start.Indicators.Count > 0 ? start.Indicators : draft.Indicators,
        };
        int? revision = null;
        if (!filled.SameAs(start))
        {
            ProposalService.ReplaceContent(db, p, filled);
            p.UpdatedAt = DateTimeOffset.UtcNow;
            p.RevisionNumber += 1;
            revision = p.RevisionNumber;
            db.Add(new ProposalRevision
            {
                PemkabId = p.PemkabId, ProposalId = p.Id, Number = p.RevisionNumber, AuthorId = run.UserId,
                Source = RevisionSource.Assistant, Snapshot = filled.ToJson(),
            });
            db.AddAudit(p.PemkabId, run.UserId, "assistant.draft", p.Id, new { run = run.Id, revision });
        }
        var offers = new[] { ("title", draft.Title), ("problem", draft.Problem) }
            .Where(x => !string.IsNullOrWhiteSpace(x.Item2) && x.Item2 != start.Text(x.Item1))
            .Select(x => new AssistantSuggestion { Kind = "field", Field = x.Item1, Suggestion = x.Item2, Reason = t["Draft.OfferReason"] });
        var rows = Store(db, run, offers);
        run.Status = RunStatus.Succeeded;
        return new AssistantEvent("done", run.Id, Status: run.Status, Suggestions: rows.Select(SuggestionDto.From).ToList(), Revision: revision);
    }

    public static AssistantEvent Invalid(AssistantRun run, IReadOnlyList<string> errors, IStringLocalizer<AssistantText> t)
    {
        run.Status = RunStatus.InvalidOutput;
        run.Error = string.Join("; ", errors.Take(5));
        return new AssistantEvent("error", run.Id, Status: run.Status, Message: t[$"Run.{run.Status}"]);
    }

    private static List<AssistantSuggestion> Store(IdeaHubDb db, AssistantRun run, IEnumerable<AssistantSuggestion> suggestions)
    {
        var rows = suggestions.Select((s, n) => { s.PemkabId = run.PemkabId; s.RunId = run.Id; s.ProposalId = run.ProposalId; s.Position = n; return s; }).ToList();
        db.AddRange(rows);
        return rows;
    }

    private static string Or(string mine, string drafted) => string.IsNullOrWhiteSpace(mine) ? drafted : mine;
}
