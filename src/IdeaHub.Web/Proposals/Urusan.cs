namespace IdeaHub.Web.Proposals;

/// <summary>Urusan pemerintahan of a kabupaten/kota (UU 23/2014) plus the support functions.</summary>
public static class Urusan
{
    public static readonly IReadOnlyList<string> All =
    [
        "Pendidikan", "Kesehatan", "Pekerjaan Umum dan Penataan Ruang", "Perumahan Rakyat dan Kawasan Permukiman",
        "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat", "Sosial",
        "Tenaga Kerja", "Pemberdayaan Perempuan dan Pelindungan Anak", "Pangan", "Pertanahan", "Lingkungan Hidup",
        "Administrasi Kependudukan dan Pencatatan Sipil", "Pemberdayaan Masyarakat dan Desa",
        "Pengendalian Penduduk dan Keluarga Berencana", "Perhubungan", "Komunikasi dan Informatika",
        "Koperasi, Usaha Kecil, dan Menengah", "Penanaman Modal", "Kepemudaan dan Olah Raga", "Statistik",
        "Persandian", "Kebudayaan", "Perpustakaan", "Kearsipan",
        "Kelautan dan Perikanan", "Pariwisata", "Pertanian", "Kehutanan", "Energi dan Sumber Daya Mineral",
        "Perdagangan", "Perindustrian", "Transmigrasi",
        "Perencanaan", "Keuangan", "Kepegawaian", "Pendidikan dan Pelatihan", "Penelitian dan Pengembangan", "Pengawasan",
    ];

    public static bool IsValid(string value) => All.Contains(value, StringComparer.Ordinal);
}
