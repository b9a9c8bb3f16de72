using IdeaHub.Web.Platform;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Proposals;

/// <summary>A handful of realistic proposals in several statuses for the demo OPDs; runs once per database.</summary>
internal sealed class DemoProposalSeeder : IDemoSeeder
{
    public int Order => 100;

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<IdeaHubDb>();
        var pemkab = await db.Pemkabs.FirstOrDefaultAsync(p => p.Code == DemoOrganisationSeeder.DemoPemkabCode, ct);
        if (pemkab is null) return;
        services.GetRequiredService<TenantContext>().Use(pemkab.Id);
        if (await db.Set<Proposal>().AnyAsync(ct)) return;
        var users = await db.Users.Where(u => u.PemkabId == pemkab.Id && u.OpdId != null).ToDictionaryAsync(u => u.UserName!, ct);
        var year = DateTime.UtcNow.Year + 1;
        foreach (var d in DemoProposals.All(year))
        {
            if (!users.TryGetValue("asn." + d.Opd, out var author)) continue;
            var p = new Proposal { PemkabId = pemkab.Id, OpdId = author.OpdId!.Value, AuthorId = author.Id, Status = d.Status, RevisionNumber = 1 };
            d.Content.ApplyTo(p);
            if (d.Status != ProposalStatus.Draft) p.SubmittedAt = DateTimeOffset.UtcNow.AddDays(-10);
            db.Add(p);
            db.Add(new ProposalRevision
            {
                PemkabId = pemkab.Id, ProposalId = p.Id, Number = 1, AuthorId = author.Id, Source = RevisionSource.Manual, Snapshot = d.Content.ToJson(),
            });
            db.AddAudit(pemkab.Id, author.Id, "proposal.created", p.Id, new { source = "demo" });
            AddTimeline(db, p, author.Id, users.GetValueOrDefault("kepala." + d.Opd)?.Id);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The demo's returned proposal carries the reason it came back with, as a real one would.</summary>
    private static void AddTimeline(IdeaHubDb db, Proposal p, Guid author, Guid? kepala)
    {
        if (p.Status == ProposalStatus.Draft) return;
        p.UpdatedAt = p.SubmittedAt!.Value;
        var status = p.Status;
        p.Status = ProposalStatus.Submitted;
        ProposalTimeline.Add(db, p, ProposalStatus.Draft, "submit", author, null);
        p.Status = status;
        p.UpdatedAt = DateTimeOffset.UtcNow.AddDays(-3);
        if (status == ProposalStatus.NeedsRevision)
            ProposalTimeline.Add(db, p, ProposalStatus.Submitted, "request-revision", kepala,
                "Lengkapi data dasar stunting per desa dan sebutkan puskesmas yang menjadi lokasi uji coba.");
    }
}
