using IdeaHub.Web.Organisation;

namespace IdeaHub.Web.Proposals;

public sealed record ProposalSummary(Guid Id, string Title, string Status, Guid OpdId, Guid AuthorId, int RevisionNumber, DateTimeOffset UpdatedAt);

public sealed record ProposalDto(
    Guid Id, Guid OpdId, Guid AuthorId, string Status, uint Version, int RevisionNumber,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt,
    ProposalSnapshot Content, IReadOnlyList<string> AllowedTransitions, bool CanEdit)
{
    public static ProposalDto From(Proposal p, Caller me) => new(
        p.Id, p.OpdId, p.AuthorId, p.Status.ToString(), p.Version, p.RevisionNumber, p.CreatedAt, p.UpdatedAt, p.SubmittedAt,
        ProposalSnapshot.From(p), ProposalAccess.Decisions(p, me).Select(t => t.To.ToString()).ToList(),
        ProposalAccess.CanEdit(p, me));
}

public sealed record RevisionSummary(int Number, Guid AuthorId, DateTimeOffset At, string Source);

public sealed record RevisionDto(int Number, Guid AuthorId, DateTimeOffset At, string Source, ProposalSnapshot Content);

public sealed record TransitionRequest(string? To, uint? Version, string? Note);

/// <summary>The state a stale save ran into: the current version and revision, and which fields differ from the caller's text.</summary>
public sealed record EditConflict(uint CurrentVersion, int CurrentRevision, DateTimeOffset UpdatedAt, IReadOnlyList<string> ChangedFields);
