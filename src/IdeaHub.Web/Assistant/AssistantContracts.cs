using System.Text.Json;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Web.Assistant;

public enum AssistantTask { Critique, DraftFromIdea }

public sealed record SuggestionDto(Guid Id, Guid RunId, string Kind, string Field, string Suggestion, string Reason, IndicatorData? Indicator, string State)
{
    public static SuggestionDto From(AssistantSuggestion s) => new(s.Id, s.RunId, s.Kind, s.Field, s.Suggestion, s.Reason,
        s.Indicator is null ? null : JsonSerializer.Deserialize<IndicatorData>(s.Indicator, ProposalSnapshot.Json), s.State);
}

/// <summary>
/// What streams to the panel: "started" (run id; <see cref="Notes"/> name any parts of the proposal trimmed to fit the
/// model), "token" (text as the model writes it), then exactly one of "done" (suggestions, and for a draft the
/// revision its empty fields were filled in) or "error" (a message for the ASN; the text is kept).
/// </summary>
public sealed record AssistantEvent(
    string Type, Guid? RunId = null, string? Text = null, string? Status = null, string? Message = null,
    string? Summary = null, IReadOnlyList<SuggestionDto>? Suggestions = null, int? Revision = null, IReadOnlyList<string>? Notes = null);

public sealed class AssistantOptions
{
    public int TimeoutSeconds { get; set; } = 180;
    public int MaxConcurrentRuns { get; set; } = 2;
}

public sealed record AcceptRequest(uint? Version);

public sealed record IdeaRequest(string? Idea);

public sealed record CheckDto(string Field, string Severity, string Code, string Message, string Fix);

public sealed record RunDto(Guid Id, string PromptName, string PromptVersion, string ModelId, string Status, int? TokensIn, int? TokensOut,
    int? DurationMs, DateTimeOffset StartedAt, IReadOnlyList<SuggestionDto> Suggestions);
