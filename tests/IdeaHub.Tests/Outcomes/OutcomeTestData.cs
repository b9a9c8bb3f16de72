using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Tests.Outcomes;

/// <summary>Running innovations with indicators (visitors: higher is better; licence days: lower is better).</summary>
public static class OutcomeTestData
{
    public sealed record Created(Guid Id, Guid Visitors, Guid Days);

    public static Task<Created> InnovationAsync(IdeaHubApp app, string author, ProposalStatus status = ProposalStatus.ApprovedForTrial,
        string? coAuthor = null, string pemkab = "kab-tegal", string? title = null, string design = "", int? year = null) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == author);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var p = new Proposal
            {
                PemkabId = user.PemkabId, OpdId = user.OpdId!.Value, AuthorId = user.Id, Status = status,
                Title = title ?? $"Inovasi hasil {Guid.NewGuid():N}", Urusan = "pariwisata", Design = design,
                Problem = "Kunjungan wisata turun 20 persen.", SubmittedAt = DateTimeOffset.UtcNow.AddMonths(-6),
                TrialDate = new DateOnly(year ?? today.Year, 1, 1).AddMonths(year is null ? 0 : 0),
                Stage = InnovationStage.UjiCoba,
            };
            if (year is null) p.TrialDate = today.AddMonths(-6);
            p.Indicators.Add(new Indicator { Name = "Kunjungan wisatawan", Unit = "orang", Baseline = 1000, Target = 2000,
                TargetDate = today.AddMonths(6), Position = 0, Direction = IndicatorDirection.Increase });
            p.Indicators.Add(new Indicator { Name = "Waktu layanan izin", Unit = "hari", Baseline = 14, Target = 3,
                TargetDate = today.AddMonths(6), Position = 1, Direction = IndicatorDirection.Decrease });
            db.Add(p);
            if (coAuthor is not null)
            {
                var co = await db.Users.SingleAsync(u => u.UserName == coAuthor);
                db.Add(new ProposalCoAuthor { ProposalId = p.Id, UserId = co.Id, PemkabId = p.PemkabId, AddedBy = user.Id });
            }
            await db.SaveChangesAsync();
            return new Created(p.Id, p.Indicators[0].Id, p.Indicators[1].Id);
        }, pemkab);

    public static string ThisMonth => DateTime.UtcNow.ToString("yyyy-MM");
}
