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

    /// <summary>What each score means for the default criteria (issue 12.3).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Levels = new Dictionary<string, string[]>
    {
        ["kebaruan"] = ["Sama dengan layanan yang sudah ada", "Perubahan kecil pada cara kerja lama",
            "Baru di OPD ini, sudah umum di daerah lain", "Baru di kabupaten ini", "Belum pernah ada di daerah mana pun"],
        ["manfaat"] = ["Manfaat tidak disebutkan", "Manfaat disebut tanpa indikator", "Indikator ada, tanpa nilai awal atau target",
            "Indikator dengan nilai awal dan target", "Indikator, nilai awal, target dan cara mengukurnya jelas"],
        ["kelayakan"] = ["Tidak dapat dilaksanakan", "Butuh sumber daya yang belum ada", "Dapat dilaksanakan dengan tambahan anggaran",
            "Dapat dilaksanakan dengan sumber daya yang ada", "Siap dilaksanakan dan biayanya rendah"],
        ["replikasi"] = ["Hanya cocok di satu tempat", "Sulit ditiru", "Dapat ditiru dengan penyesuaian besar", "Dapat ditiru OPD lain",
            "Mudah ditiru daerah lain, panduan tersedia"],
        ["keberlanjutan"] = ["Berhenti setelah uji coba", "Bergantung pada satu orang", "Butuh anggaran baru tiap tahun",
            "Ada SDM dan anggaran rutin", "Ada regulasi, SDM dan anggaran rutin"],
        ["kesesuaian"] = ["Di luar kewenangan daerah", "Tidak terkait prioritas RKPD", "Terkait tidak langsung",
            "Mendukung satu prioritas RKPD", "Langsung menjawab prioritas RKPD"],
    };

    /// <summary>Adds the default criteria to a Pemkab that has none, and the default level texts where none are set. Idempotent.</summary>
    public static async Task EnsureAsync(IdeaHubDb db, Guid pemkabId, CancellationToken ct = default)
    {
        var existing = await db.Set<RubricCriterion>().IgnoreQueryFilters().Where(c => c.PemkabId == pemkabId).ToListAsync(ct);
        if (existing.Count > 0)
        {
            foreach (var c in existing.Where(c => c.LevelDescriptions.Length == 0 && Levels.ContainsKey(c.Code)))
                c.LevelDescriptions = Levels[c.Code];
            await db.SaveChangesAsync(ct);
            return;
        }
        var position = 0;
        foreach (var c in Criteria)
        {
            db.Add(new RubricCriterion
            {
                PemkabId = pemkabId, Code = c.Code, Name = c.Name, NameEn = c.NameEn,
                Description = c.Description, Weight = c.Weight, Position = position++, LevelDescriptions = Levels[c.Code],
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
