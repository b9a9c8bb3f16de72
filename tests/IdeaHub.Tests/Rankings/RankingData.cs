using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Rankings;

/// <summary>Writes proposals, reviews and votes straight to the database, as the review and voting features would.</summary>
internal sealed class RankingData(IdeaHubApp app)
{
    public Task<Guid> ProposalAsync(string opdCode, string title, DateTimeOffset created) => app.WithDbAsync(async db =>
    {
        var opd = await db.Opds.SingleAsync(o => o.Code == opdCode);
        var author = await db.Users.SingleAsync(u => u.UserName == $"asn.{opdCode}");
        var p = new Proposal
        {
            PemkabId = opd.PemkabId, OpdId = opd.Id, AuthorId = author.Id, Title = title, Urusan = "Kesehatan",
            Status = ProposalStatus.InReview, CreatedAt = created, UpdatedAt = created, SubmittedAt = created.AddHours(1),
            Indicators = [new Indicator { Name = "Waktu penerbitan izin usaha", Unit = "hari kerja", Baseline = 14, Target = 3 }],
        };
        db.Add(p);
        await db.SaveChangesAsync();
        return p.Id;
    });

    /// <summary>A review with the same score on every criterion, or per-criterion scores by code.</summary>
    public Task ReviewAsync(Guid proposalId, string reviewer, DateTimeOffset at, int score = 0, Dictionary<string, int>? byCode = null) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == reviewer);
            var criteria = await db.Set<RubricCriterion>().ToListAsync();
            db.Add(new Review
            {
                PemkabId = user.PemkabId, ProposalId = proposalId, ReviewerId = user.Id, ReviewerOpdId = user.OpdId,
                CreatedAt = at, UpdatedAt = at, Recommendation = Recommendation.Approve,
                Scores = criteria.Select(c => new ReviewScore { CriterionId = c.Id, Score = byCode?[c.Code] ?? score }).ToList(),
            });
            return await db.SaveChangesAsync();
        });

    public Task VoteAsync(Guid proposalId, string voter, bool support, string month) => app.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == voter);
        db.Add(new Vote { PemkabId = user.PemkabId, ProposalId = proposalId, VoterId = user.Id, VoterOpdId = user.OpdId!.Value, Support = support, Month = month });
        return await db.SaveChangesAsync();
    });

    /// <summary>Noon WIB on the given day.</summary>
    public static DateTimeOffset Day(int year, int month, int day) => new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime();
}
