using System.Globalization;
using System.IO.Compression;
using IdeaHub.Web.Evidence;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Outcomes;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Catalogue;

/// <summary>
/// The annual submission to Kemendagri's regional innovation index for the caller's Pemkab: its running innovations
/// (ApprovedForTrial, Implemented) created in the year that the caller sees, as the innovation profile (domain.md),
/// their indicators with monthly realisations and the list of evidence files; as XLSX, or as a ZIP of that XLSX and
/// every evidence file under evidence/&lt;innovation number&gt;/.
/// </summary>
public sealed class NationalIndexExport(ProposalReader proposals, OutcomeService outcomes, EvidenceService evidence, IdeaHub.Web.Data.IdeaHubDb db)
{
    public sealed record ExportData(List<Proposal> Innovations, Dictionary<Guid, string> Opds, ILookup<Guid, Realisation> Realisations,
        List<(Guid ProposalId, EvidenceInfo File)> Files, DateOnly Today);

    public async Task<ExportData> LoadAsync(Caller me, int year, CancellationToken ct = default)
    {
        var statuses = ProposalAccess.ReportingStatuses.ToList();
        var (from, to) = (new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var list = await proposals.Visible(me).Where(p => statuses.Contains(p.Status) && p.MergedIntoId == null && p.CreatedAt >= from && p.CreatedAt < to)
            .Include(p => p.Indicators).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).AsSplitQuery().ToListAsync(ct);
        var ids = list.Select(p => p.Id).ToList();
        var opds = await db.Opds.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new ExportData(list, opds, await outcomes.RealisationsOfAsync(ids, ct), await evidence.ListOfAsync(ids, ct), outcomes.Today);
    }

    public static string EvidencePath(int number, EvidenceInfo f) => $"evidence/{number:D4}/{f.Id:N}-{f.FileName}";

    public byte[] Xlsx(ExportData d)
    {
        var number = d.Innovations.Select((p, n) => (p.Id, n + 1)).ToDictionary(x => x.Id, x => x.Item2);
        var profile = d.Innovations.Select(p => new object?[]
        {
            number[p.Id], p.Title, d.Opds.GetValueOrDefault(p.OpdId, ""), p.Stage.ToString(), p.Initiator.ToString(), p.Kind.ToString(),
            p.Form.ToString(), p.Urusan, Date(p.TrialDate), Date(p.ImplementationDate), p.Problem, p.Design, p.Goals, p.Benefits, p.Results,
            p.Status.ToString(),
            OutcomeService.Overall(p.Indicators.Select(i => OutcomeService.Outcome(i, OutcomeService.StartOf(p),
                d.Realisations[p.Id].Where(r => r.IndicatorId == i.Id).ToList(), d.Today).State)).ToString(),
        });
        var indicators = d.Innovations.SelectMany(p => p.Indicators.OrderBy(i => i.Position).Select(i =>
        {
            var o = OutcomeService.Outcome(i, OutcomeService.StartOf(p), d.Realisations[p.Id].Where(r => r.IndicatorId == i.Id).ToList(), d.Today);
            return new object?[] { number[p.Id], p.Title, i.Name, i.Unit, o.LowerIsBetter ? "turun" : "naik", i.Baseline, i.Target, Date(i.TargetDate),
                o.Points.LastOrDefault()?.Value, o.State.ToString(), string.Join(", ", o.LateMonths) };
        }));
        var names = d.Innovations.SelectMany(p => p.Indicators).ToDictionary(i => i.Id, i => i.Name);
        var realisations = d.Innovations.SelectMany(p => d.Realisations[p.Id].Select(r => new object?[]
            { number[p.Id], p.Title, names.GetValueOrDefault(r.IndicatorId, ""), $"{r.Period:yyyy-MM}", r.Value, r.Note }));
        var files = d.Files.Select(f => new object?[]
            { number[f.ProposalId], f.File.Period ?? "", f.File.FileName, EvidencePath(number[f.ProposalId], f.File), f.File.ContentType, f.File.SizeBytes });
        return XlsxWriter.Write(
        [
            ("Profil Inovasi", ["no", "nama_inovasi", "opd", "tahapan", "inisiator", "jenis", "bentuk", "urusan", "waktu_uji_coba",
                "waktu_penerapan", "masalah", "rancang_bangun", "tujuan", "manfaat", "hasil", "status", "hasil_terukur"], profile),
            ("Indikator", ["no", "nama_inovasi", "indikator", "satuan", "arah", "kondisi_awal", "target", "tanggal_target", "realisasi_terakhir",
                "keadaan", "laporan_terlambat"], indicators),
            ("Realisasi", ["no", "nama_inovasi", "indikator", "bulan", "nilai", "catatan"], realisations),
            ("Bukti Dukung", ["no", "bulan", "nama_berkas", "berkas_dalam_zip", "jenis", "ukuran_bait"], files),
        ]);
    }

    /// <summary>
    /// The XLSX plus every evidence file, built in a temporary file (one evidence file's bytes in memory at a time;
    /// ZipArchive writes synchronously, which the response stream refuses) and then copied to <paramref name="output"/>.
    /// </summary>
    public async Task ZipAsync(ExportData d, int year, Stream output, CancellationToken ct)
    {
        var number = d.Innovations.Select((p, n) => (p.Id, n + 1)).ToDictionary(x => x.Id, x => x.Item2);
        await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var zip = new ZipArchive(temp, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var entry = zip.CreateEntry($"indeks-inovasi-{year}.xlsx", CompressionLevel.Fastest).Open())
                entry.Write(Xlsx(d));
            foreach (var (proposalId, info) in d.Files)
            {
                if (await evidence.LoadAsync(info.Id, ct) is not { } file) continue;
                // Evidence is PDF, images and office files: already compressed.
                using var entry = zip.CreateEntry(EvidencePath(number[proposalId], info), CompressionLevel.NoCompression).Open();
                entry.Write(file.Content);
            }
        }
        temp.Position = 0;
        await temp.CopyToAsync(output, ct);
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
