using System.Linq.Expressions;
using IdeaHub.Web.Organisation;

namespace IdeaHub.Web.Proposals;

/// <summary>
/// The one rule of who may see and do what with a proposal. Every API route, page, hub method, push, notification,
/// list, search, export and ranking asks here; nothing re-derives it. Answers need the proposal's co-authors loaded
/// (<see cref="ProposalReader"/> always includes them). The in-memory answer (<see cref="CanSee(Proposal, Caller)"/>)
/// and the query form (<see cref="VisibleTo"/>) are both built from <see cref="SeenBy"/> and <see cref="Profile"/>.
/// </summary>
public static class ProposalAccess
{
    /// <summary>The proposal's team: its author and co-authors. They always see it and never decide on it.</summary>
    public const ProposalRelation Team = ProposalRelation.Author | ProposalRelation.CoAuthor;

    /// <summary>Who, besides its team, sees a proposal in each status (docs/architecture.md has this table).</summary>
    public static readonly IReadOnlyDictionary<ProposalStatus, ProposalRelation> SeenBy =
        new Dictionary<ProposalStatus, ProposalRelation>
    {
        [ProposalStatus.Draft] = ProposalRelation.None,
        // Submitted waits at the Kepala OPD's gate: Tim Inovasi sees it once forwarded (InReview).
        [ProposalStatus.Submitted] = ProposalRelation.KepalaOfOpd,
        // Every Kepala OPD votes on proposals in review, and the leadership ranks them.
        [ProposalStatus.InReview] = ProposalRelation.KepalaOfOpd | ProposalRelation.Reviewer | ProposalRelation.Panel
            | ProposalRelation.Leadership,
        [ProposalStatus.NeedsRevision] = ProposalRelation.KepalaOfOpd | ProposalRelation.Reviewer,
        [ProposalStatus.ApprovedForTrial] = ProposalRelation.Member,
        [ProposalStatus.Implemented] = ProposalRelation.Member,
        [ProposalStatus.Rejected] = ProposalRelation.KepalaOfOpd | ProposalRelation.Reviewer,
        [ProposalStatus.Archived] = ProposalRelation.None,
    };

    /// <summary>What another Pemkab of the deployment may read as prior art: only what the owner made public.</summary>
    public static readonly IReadOnlyList<ProposalStatus> PriorArtStatuses =
        [ProposalStatus.ApprovedForTrial, ProposalStatus.Implemented];

    /// <summary>
    /// What the Bupati's monthly "top innovations" rank (dashboard, exports, PDF, closed-month snapshots): what the
    /// leadership may see, i.e. forwarded into review or approved. Submitted, sent back, rejected, draft and archived
    /// proposals are never ranked, however they were scored.
    /// </summary>
    public static readonly IReadOnlyList<ProposalStatus> RankedStatuses =
        SeenBy.Where(s => (s.Value & (ProposalRelation.Leadership | ProposalRelation.Member)) != 0).Select(s => s.Key).ToList();

    /// <summary>The caller's relation flags that hold for every proposal, and what the OPD-bound ones need.</summary>
    private readonly record struct CallerProfile(ProposalRelation Fixed, bool Kepala, Guid? Opd);

    private static CallerProfile Profile(Caller c)
    {
        var r = ProposalRelation.Member;
        if (c.IsInRole(Roles.Reviewer)) r |= ProposalRelation.Reviewer;
        if (c.IsInRole(Roles.Bupati)) r |= ProposalRelation.Leadership;
        return new CallerProfile(r, c.IsInRole(Roles.KepalaOpd), c.OpdId);
    }

    public static ProposalRelation RelationOf(Proposal p, Caller c)
    {
        if (!c.IsAuthenticated || c.PemkabId != p.PemkabId) return ProposalRelation.None;
        var profile = Profile(c);
        var r = profile.Fixed;
        if (p.AuthorId == c.Id) r |= ProposalRelation.Author;
        if (p.CoAuthors.Any(a => a.UserId == c.Id)) r |= ProposalRelation.CoAuthor;
        if (profile.Kepala) r |= profile.Opd == p.OpdId ? ProposalRelation.KepalaOfOpd : ProposalRelation.Panel;
        return r;
    }

    public static bool CanSee(ProposalStatus status, ProposalRelation who) => (who & (Team | SeenBy[status])) != 0;

    public static bool CanSee(Proposal p, Caller c) => CanSee(p.Status, RelationOf(p, c));

    /// <summary>The same rule as <see cref="CanSee(Proposal, Caller)"/>, as a filter for lists and searches.</summary>
    public static Expression<Func<Proposal, bool>> VisibleTo(Caller c)
    {
        if (!c.IsAuthenticated || c.PemkabId is not Guid pemkab) return p => false;
        var (id, profile) = (c.Id, Profile(c));
        var anyone = StatusesSeenBy(profile.Fixed);
        var ownHead = profile.Kepala ? StatusesSeenBy(ProposalRelation.KepalaOfOpd) : [];
        var panel = profile.Kepala ? StatusesSeenBy(ProposalRelation.Panel) : [];
        var opd = profile.Opd;
        return p => p.PemkabId == pemkab && (p.AuthorId == id || p.CoAuthors.Any(a => a.UserId == id)
            || anyone.Contains(p.Status)
            || (ownHead.Contains(p.Status) && p.OpdId == opd)
            || (panel.Contains(p.Status) && p.OpdId != opd));
    }

    /// <summary>Proposals the caller wrote or co-wrote (their "mine" lists).</summary>
    public static Expression<Func<Proposal, bool>> InTeamOf(Caller c)
    {
        var id = c.Id;
        return p => p.AuthorId == id || p.CoAuthors.Any(a => a.UserId == id);
    }

    private static List<ProposalStatus> StatusesSeenBy(ProposalRelation who) =>
        SeenBy.Where(s => (s.Value & who) != 0).Select(s => s.Key).ToList();

    /// <summary>
    /// The status changes this caller may make now (none on a proposal they cannot see). Nobody decides on their own
    /// work: for the team, only the team's own moves remain (submit, resubmit, archive), whatever else they are.
    /// </summary>
    public static IReadOnlyList<Transition> Decisions(Proposal p, Caller c)
    {
        var who = RelationOf(p, c);
        return CanSee(p.Status, who) ? ProposalLifecycle.Available(p.Status, Deciding(who)).ToList() : [];
    }

    public static Transition? Decision(Proposal p, Caller c, ProposalStatus to)
    {
        var who = RelationOf(p, c);
        return CanSee(p.Status, who) ? ProposalLifecycle.Find(p.Status, to, Deciding(who)) : null;
    }

    private static ProposalRelation Deciding(ProposalRelation who) =>
        (who & Team) != 0 ? who & (Team | ProposalRelation.Member) : who;

    /// <summary>The team works on a proposal while it is theirs: a draft, or sent back for revision.</summary>
    public static bool CanEdit(Proposal p, Caller c) =>
        (RelationOf(p, c) & Team) != 0 && p.Status is ProposalStatus.Draft or ProposalStatus.NeedsRevision;

    public static bool CanDelete(Proposal p, Caller c) =>
        (RelationOf(p, c) & ProposalRelation.Author) != 0 && p.Status == ProposalStatus.Draft;

    /// <summary>Discussion starts at submission, between the team, the Kepala OPD and Tim Inovasi.</summary>
    public static bool CanComment(Proposal p, Caller c)
    {
        var who = RelationOf(p, c);
        return CanSee(p.Status, who) && p.Status != ProposalStatus.Draft
            && (who & (Team | ProposalRelation.KepalaOfOpd | ProposalRelation.Panel | ProposalRelation.Reviewer)) != 0;
    }

    /// <summary>
    /// Tim Inovasi and the Kepala OPD of other OPDs score proposals; a Kepala OPD does not score their own OPD's
    /// (they endorse those), and nobody scores their own work. Whether scoring is open now:
    /// <see cref="IsOpenForReview"/>.
    /// </summary>
    public static bool CanReview(Proposal p, Caller c)
    {
        var who = RelationOf(p, c);
        return CanSee(p.Status, who) && (who & Team) == 0
            && (who & (ProposalRelation.Reviewer | ProposalRelation.Panel)) != 0;
    }

    /// <summary>Scoring opens when the Kepala OPD has forwarded the proposal (or it went straight to review).</summary>
    public static bool IsOpenForReview(ProposalStatus s) => s is ProposalStatus.InReview;

    /// <summary>
    /// A submission waits for the endorsement of a Kepala OPD of its OPD who is not on its team. When there is none
    /// (the head wrote or co-wrote it, or the OPD has no head) nobody can endorse it: it goes straight to Tim Inovasi,
    /// recorded as such (<see cref="ProposalLifecycle.SubmitDirect"/>).
    /// </summary>
    public static bool NeedsEndorsement(Proposal p, IEnumerable<Guid> headsOfOpd) =>
        headsOfOpd.Any(h => h != p.AuthorId && p.CoAuthors.All(a => a.UserId != h));

    /// <summary>The voting panel: Kepala OPD of other OPDs, never on their own work.</summary>
    public static bool CanVote(Proposal p, Caller c)
    {
        var who = RelationOf(p, c);
        return CanSee(p.Status, who) && (who & Team) == 0 && (who & ProposalRelation.Panel) != 0;
    }

    public static bool IsOpenForVotes(ProposalStatus s) =>
        s is ProposalStatus.InReview or ProposalStatus.ApprovedForTrial or ProposalStatus.Implemented;

    /// <summary>Following (hearing about a proposal one neither wrote nor reviews) needs only sight of it.</summary>
    public static bool CanFollow(Proposal p, Caller c) => CanSee(p, c);

    /// <summary>What a duplicate may be merged or joined into: a live proposal (never a draft, archived or rejected one).</summary>
    public static readonly IReadOnlyList<ProposalStatus> MergeTargets =
    [
        ProposalStatus.Submitted, ProposalStatus.InReview, ProposalStatus.NeedsRevision, ProposalStatus.ApprovedForTrial,
        ProposalStatus.Implemented,
    ];

    /// <summary>
    /// Tim Inovasi merges <paramref name="duplicate"/> into <paramref name="original"/>: both seen by the caller, neither
    /// their own work, the duplicate in a status <see cref="ProposalLifecycle.Merges"/> allows, the original live.
    /// </summary>
    public static bool CanMerge(Proposal duplicate, Proposal original, Caller c) =>
        MergeAllowed(duplicate, original, c, ProposalLifecycle.Merge) && (RelationOf(original, c) & Team) == 0;

    /// <summary>The author joins their draft into an existing proposal they may open, instead of submitting it.</summary>
    public static bool CanJoin(Proposal draft, Proposal original, Caller c) => MergeAllowed(draft, original, c, ProposalLifecycle.Join);

    private static bool MergeAllowed(Proposal duplicate, Proposal original, Caller c, string action)
    {
        var who = RelationOf(duplicate, c);
        return duplicate.Id != original.Id && duplicate.PemkabId == original.PemkabId && CanSee(duplicate.Status, who)
            && CanSee(original, c) && duplicate.MergedIntoId is null && original.MergedIntoId is null
            && MergeTargets.Contains(original.Status) && ProposalLifecycle.FindMerge(duplicate.Status, Deciding(who), action) is not null;
    }

    /// <summary>Linking two proposals as related: Tim Inovasi, an admin, or the Kepala OPD of either, seeing both.</summary>
    public static bool CanLink(Proposal a, Proposal b, Caller c)
    {
        if (a.Id == b.Id || !CanSee(a, c) || !CanSee(b, c)) return false;
        var who = RelationOf(a, c) | RelationOf(b, c);
        return (who & (ProposalRelation.Reviewer | ProposalRelation.KepalaOfOpd)) != 0 || c.IsInRole(Roles.Admin);
    }

    /// <summary>While an innovation runs (trial or implementation) its team reports indicator realisations and evidence.</summary>
    public static readonly IReadOnlyList<ProposalStatus> ReportingStatuses =
        [ProposalStatus.ApprovedForTrial, ProposalStatus.Implemented];

    /// <summary>Only the team reports outcomes (realised values, evidence), and only on a running innovation.</summary>
    public static bool CanReportOutcome(Proposal p, Caller c) =>
        (RelationOf(p, c) & Team) != 0 && p.MergedIntoId is null && ReportingStatuses.Contains(p.Status);

    /// <summary>Evidence (data dukung) is attached by the team while they write the proposal or report its outcomes.</summary>
    public static bool CanAttachEvidence(Proposal p, Caller c) => CanEdit(p, c) || CanReportOutcome(p, c);

    /// <summary>The assistant's runs and suggestions are the team's working notes: only the team reads them.</summary>
    public static bool CanReadAssistantRuns(Proposal p, Caller c) => (RelationOf(p, c) & Team) != 0;

    /// <summary>The query form of <see cref="CanReadAsPriorArt"/>: other Pemkabs' public innovations (catalogue, export).</summary>
    public static Expression<Func<Proposal, bool>> PriorArtTo(Caller c)
    {
        if (!c.IsAuthenticated || c.PemkabId is not Guid pemkab) return p => false;
        var statuses = PriorArtStatuses.ToList();
        return p => p.PemkabId != pemkab && p.MergedIntoId == null && statuses.Contains(p.Status);
    }

    /// <summary>Another Pemkab's public innovation, readable as replication material.</summary>
    public static bool CanReadAsPriorArt(Proposal p, Caller c) =>
        c.IsAuthenticated && c.PemkabId != p.PemkabId && p.MergedIntoId is null && PriorArtStatuses.Contains(p.Status);
}
