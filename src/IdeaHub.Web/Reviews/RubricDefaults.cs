using IdeaHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Reviews;

/// <summary>The default rubric (domain notes): every new Pemkab starts with it; the admin may change it.</summary>
public static class RubricDefaults
{
    private static readonly (string Code, string Name, string NameEn, string Description, decimal Weight)[] Criteria =
    [
        ("kebaruan", "Kebaruan", "Novelty", "Mengandung pembaharuan dibanding layanan atau cara kerja yang ada.", 1.0m),
        ("manfaat", "Manfaat terukur", "Measured benefit", "Manfaat jelas dengan indikator, baseline dan target yang terukur.", 1.5m),
        ("kelayakan", "Kelayakan dan biaya", "Feasibility and cost", "Dapat dilaksanakan dengan sumber daya dan anggaran yang wajar.", 1.0m),
        ("replikasi", "Dapat direplikasi", "Replicability", "Dapat ditiru oleh OPD atau daerah lain.", 1.0m),
        ("keberlanjutan", "Keberlanjutan", "Sustainability", "Dapat berlanjut setelah masa uji coba (regulasi, SDM, anggaran).", 1.0m),
        ("kesesuaian", "Kesesuaian dengan RKPD", "Fit with the regional plan", "Sejalan dengan prioritas RKPD dan kewenangan daerah.", 1.0m),
    ];

    /// <summary>Adds the default criteria to a Pemkab that has none. Idempotent.</summary>
    public static async Task EnsureAsync(IdeaHubDb db, Guid pemkabId, CancellationToken ct = default)
    {
        if (await db.Set<RubricCriterion>().IgnoreQueryFilters().AnyAsync(c => c.PemkabId == pemkabId, ct)) return;
        var position = 0;
        foreach (var c in Criteria)
        {
            db.Add(new RubricCriterion
            {
                PemkabId = pemkabId, Code = c.Code, Name = c.Name, NameEn = c.NameEn,
                Description = c.Description, Weight = c.Weight, Position = position++,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
