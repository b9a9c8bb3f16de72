using IdeaHub.Web.Platform;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using IdeaHub.Web.Reviews;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Rankings;

/// <summary>
/// Seven months of innovations in the demo regency (six past months and the open one) with reviews by Tim Inovasi
/// and Kepala OPD and votes by Kepala OPD of other OPDs; the four oldest months are closed. Runs once.
/// </summary>
internal sealed class RankingDemoSeeder(ILogger<RankingDemoSeeder> log) : IDemoSeeder
{
    private const string Marker = "rankings.demo-seeded";
    private const int Months = 7;
    private const int ClosedMonths = 4;

    public int Order => 400;

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<IdeaHubDb>();
        var pemkab = await db.Pemkabs.SingleOrDefaultAsync(p => p.Code == DemoOrganisationSeeder.DemoPemkabCode, ct);
        if (pemkab is null) return;
        if (await db.Audit.IgnoreQueryFilters().AnyAsync(a => a.PemkabId == pemkab.Id && a.Action == Marker, ct)) return;
        services.GetRequiredService<TenantContext>().Use(pemkab.Id);

        var opds = await db.Opds.ToDictionaryAsync(o => o.Code, ct);
        var users = await db.Users.Where(u => u.PemkabId == pemkab.Id).ToDictionaryAsync(u => u.UserName!, ct);
        var criteria = await db.Set<RubricCriterion>().Where(c => c.IsActive).ToListAsync(ct);
        if (!users.TryGetValue("reviewer", out var reviewer) || !users.TryGetValue("admin", out var admin) || criteria.Count == 0) return;
        var heads = opds.Values.Where(o => users.ContainsKey($"kepala.{o.Code}")).Select(o => (Opd: o, User: users[$"kepala.{o.Code}"])).ToList();

        var clock = services.GetRequiredService<TimeProvider>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(pemkab.TimeZone);
        var now = clock.GetUtcNow();
        var current = MonthKey.Of(now, zone);
        var random = new Random(2026);
        var ideas = RankingDemoCatalog.Ideas.Where(i => opds.ContainsKey(i.Opd) && users.ContainsKey($"asn.{i.Opd}")).ToList();

        for (var i = 0; i < ideas.Count; i++)
        {
            var idea = ideas[i];
            var month = current.AddMonths(-(i % Months));
            var start = month.StartIn(zone);
            var end = month == current ? now.AddMinutes(-30) : month.AddMonths(1).StartIn(zone).AddHours(-1);
            DateTimeOffset At(double fraction) => start + (end - start) * Math.Clamp(fraction, 0, 1);
            var quality = 1.8 + random.NextDouble() * 2.8;
            var draftOnly = random.NextDouble() < 0.2;
            var opd = opds[idea.Opd];
            var created = At(random.NextDouble() * 0.4);
            var proposal = new Proposal
            {
                PemkabId = pemkab.Id, OpdId = opd.Id, AuthorId = users[$"asn.{idea.Opd}"].Id, Title = idea.Title,
                Urusan = idea.Urusan, Kind = idea.Digital ? InnovationKind.Digital : InnovationKind.NonDigital,
                Form = InnovationForm.PelayananPublik, Initiator = Initiator.Asn, RevisionNumber = 1,
                Problem = $"{idea.Indicator} saat ini {idea.Baseline:N0} {idea.Unit}.",
                Design = $"{idea.Title} dirancang oleh {opd.Name} untuk memperbaiki {idea.Indicator.ToLowerInvariant()}.",
                Goals = $"Mencapai {idea.Target:N0} {idea.Unit}.", Benefits = "Layanan lebih cepat, terukur dan dapat direplikasi OPD lain.",
                CreatedAt = created, UpdatedAt = created,
                Status = draftOnly ? ProposalStatus.Draft : StatusFor(quality, month == current, random),
                SubmittedAt = draftOnly ? null : created.AddDays(2),
                Indicators = [new Indicator { Position = 0, Name = idea.Indicator, Unit = idea.Unit, Baseline = idea.Baseline, Target = idea.Target, TargetDate = new DateOnly(month.Year + 1, 12, 31) }],
            };
            proposal.Stage = proposal.Status == ProposalStatus.Implemented ? InnovationStage.Penerapan
                : proposal.Status == ProposalStatus.ApprovedForTrial ? InnovationStage.UjiCoba : InnovationStage.Inisiatif;
            db.Add(proposal);
            if (draftOnly) continue;

            var others = heads.Where(h => h.Opd.Id != opd.Id).OrderBy(_ => random.Next()).ToList();
            var panel = new List<(AppUser User, Guid? Opd)> { (reviewer, null) };
            panel.AddRange(others.Take(random.Next(0, 5)).Select(h => (h.User, (Guid?)h.Opd.Id)));
            foreach (var (user, reviewerOpd) in panel)
            {
                var at = At(0.45 + random.NextDouble() * 0.5);
                var scores = criteria.Select(c => new ReviewScore { CriterionId = c.Id, Score = Math.Clamp((int)Math.Round(quality + random.NextDouble() * 1.6 - 0.8), 1, 5) }).ToList();
                var mean = scores.Average(s => s.Score);
                db.Add(new Review
                {
                    PemkabId = pemkab.Id, ProposalId = proposal.Id, ReviewerId = user.Id, ReviewerOpdId = reviewerOpd, Scores = scores,
                    Recommendation = mean >= 3.5 ? Recommendation.Approve : mean >= 2.5 ? Recommendation.Revise : Recommendation.Reject,
                    Comment = mean >= 3.5 ? "Layak diuji coba; indikator sudah terukur." : "Perjelas baseline, target dan sumber anggaran.",
                    CreatedAt = at, UpdatedAt = at,
                });
            }
            foreach (var head in others.Take(random.Next(2, Math.Min(9, others.Count + 1))))
            {
                var at = At(0.5 + random.NextDouble() * 0.45);
                db.Add(new Vote
                {
                    PemkabId = pemkab.Id, ProposalId = proposal.Id, VoterId = head.User.Id, VoterOpdId = head.Opd.Id,
                    Support = random.NextDouble() < (quality - 1) / 4, Month = month.ToString(), CreatedAt = at, UpdatedAt = at,
                });
            }
        }
        db.AddAudit(pemkab.Id, null, Marker);
        await db.SaveChangesAsync(ct);

        var closer = services.GetRequiredService<MonthCloser>();
        for (var back = Months - 1; back >= Months - ClosedMonths; back--)
            await closer.CloseAsync(pemkab.Id, current.AddMonths(-back), admin.Id, ct);
        log.LogInformation("Rankings demo: {Count} proposals over {Months} months, {Closed} months closed", ideas.Count, Months, ClosedMonths);
    }

    private static ProposalStatus StatusFor(double quality, bool openMonth, Random random) => openMonth
        ? (random.NextDouble() < 0.5 ? ProposalStatus.Submitted : ProposalStatus.InReview)
        : quality switch
        {
            // Only forwarded or approved proposals are ranked (ProposalAccess.RankedStatuses): most past ones were approved.
            > 3.8 => random.NextDouble() < 0.5 ? ProposalStatus.Implemented : ProposalStatus.ApprovedForTrial,
            > 2.3 => ProposalStatus.ApprovedForTrial,
            > 2.0 => ProposalStatus.NeedsRevision,
            _ => ProposalStatus.Rejected,
        };
}
