using IdeaHub.Web.Organisation;

namespace IdeaHub.Web.Reviews;

/// <summary>A rubric criterion of one Pemkab; the admin may change names and weights.</summary>
public sealed class RubricCriterion : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string NameEn { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Relative weight; the weighted score divides by the sum of weights.</summary>
    public decimal Weight { get; set; } = 1m;
    public int Position { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>What scores 1..5 mean for this criterion (five texts), or empty for the generic meaning.</summary>
    public string[] LevelDescriptions { get; set; } = [];
}

/// <summary>One reviewer's assessment of a proposal: scores 1–5 per criterion, a recommendation, a comment.</summary>
public sealed class Review : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    public Guid ProposalId { get; set; }
    public Guid ReviewerId { get; set; }
    /// <summary>The reviewer's OPD at the time of review (empty for Tim Inovasi).</summary>
    public Guid? ReviewerOpdId { get; set; }
    public Recommendation Recommendation { get; set; }
    public string Comment { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public List<ReviewScore> Scores { get; set; } = [];
}

public sealed class ReviewScore
{
    public Guid ReviewId { get; set; }
    public Guid CriterionId { get; set; }
    /// <summary>1 (poor) to 5 (excellent).</summary>
    public int Score { get; set; }
}

public enum Recommendation { Approve, Revise, Reject }

/// <summary>A Kepala OPD's support vote on a proposal of another OPD: one per head per proposal, changeable until the month closes.</summary>
public sealed class Vote : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    public Guid ProposalId { get; set; }
    public Guid VoterId { get; set; }
    public Guid VoterOpdId { get; set; }
    public bool Support { get; set; }
    /// <summary>The month ("yyyy-MM", Pemkab time zone) the vote counts in.</summary>
    public string Month { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A threaded comment between author, Kepala OPD and reviewers.</summary>
public sealed class Comment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PemkabId { get; set; }
    public Guid ProposalId { get; set; }
    public Guid? ParentId { get; set; }
    public Guid AuthorId { get; set; }
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
