namespace IdeaHub.Web.Rankings;

/// <summary>Realistic demo innovations per OPD (fictional, after the reference data's indicator examples).</summary>
internal static class RankingDemoCatalog
{
    public sealed record Idea(string Opd, string Title, string Urusan, bool Digital, string Indicator, string Unit, decimal Baseline, decimal Target);

    public static readonly Idea[] Ideas =
    [
        new("dinkes", "Posyandu Digital Pemantauan Gizi Balita", "Kesehatan", true, "Balita stunting di Kecamatan Slawi", "persen", 24.5m, 14m),
        new("dinkes", "Jemput Bola Imunisasi Dasar Lengkap", "Kesehatan", false, "Cakupan imunisasi dasar lengkap", "persen", 82m, 95m),
        new("dinkes", "Antrean Daring Puskesmas", "Kesehatan", true, "Waktu tunggu pendaftaran puskesmas", "menit", 45m, 10m),
        new("disdik", "Rapor Literasi Sekolah Dasar", "Pendidikan", true, "Siswa SD dengan kemampuan literasi minimum", "persen", 61m, 80m),
        new("disdik", "Guru Penggerak Berbagi Praktik Baik", "Pendidikan", false, "Guru yang mengikuti komunitas belajar", "orang", 350m, 1200m),
        new("disdik", "Kembali Bersekolah untuk Anak Putus Sekolah", "Pendidikan", false, "Anak tidak sekolah usia 7–15 tahun", "anak", 1450m, 600m),
        new("dpmptsp", "Izin Usaha Mikro Sehari Jadi", "Penanaman Modal", true, "Waktu penerbitan izin usaha", "hari kerja", 14m, 3m),
        new("dpmptsp", "Klinik Investasi Keliling Desa", "Penanaman Modal", false, "Pelaku usaha yang memiliki NIB", "unit", 8200m, 12000m),
        new("dpmptsp", "Notifikasi WhatsApp Status Perizinan", "Penanaman Modal", true, "Pengaduan status izin yang tidak jelas", "aduan/bulan", 120m, 20m),
        new("dispar", "Paket Wisata Desa Guci Terintegrasi", "Pariwisata", true, "Kunjungan wisatawan ke kawasan Guci", "orang/tahun", 120000m, 180000m),
        new("dispar", "Kalender Event Budaya Tegalan", "Kebudayaan", false, "Event budaya yang terselenggara", "event/tahun", 6m, 15m),
        new("dispar", "E-Tiket Destinasi Wisata Daerah", "Pariwisata", true, "Kebocoran retribusi tiket wisata", "persen", 18m, 3m),
        new("dukcapil", "Akta Kelahiran Terbit di Rumah Sakit", "Administrasi Kependudukan dan Pencatatan Sipil", true, "Kepemilikan akta kelahiran anak 0–18 tahun", "persen", 88m, 98m),
        new("dukcapil", "Perekaman KTP-el Keliling Sekolah", "Administrasi Kependudukan dan Pencatatan Sipil", false, "Pemula 17 tahun yang sudah merekam KTP-el", "persen", 71m, 95m),
        new("dukcapil", "Layanan Adminduk Mandiri di Kantor Desa", "Administrasi Kependudukan dan Pencatatan Sipil", true, "Warga yang harus datang ke kantor dinas", "orang/bulan", 4200m, 1500m),
        new("bapperida", "Bank Data Inovasi Daerah", "Penelitian dan Pengembangan", true, "Inovasi OPD yang terdokumentasi lengkap", "inovasi", 40m, 150m),
        new("bapperida", "Musrenbang Daring Berbasis Peta", "Perencanaan", true, "Usulan musrenbang dengan titik lokasi", "persen", 35m, 90m),
        new("rsud", "Antrean Terpadu Rawat Jalan RSUD", "Kesehatan", true, "Antrean rata-rata pasien rawat jalan RSUD", "menit", 95m, 30m),
        new("rsud", "Resep Elektronik Terhubung Farmasi", "Kesehatan", true, "Waktu tunggu obat racikan", "menit", 60m, 25m),
        new("rsud", "Pendampingan Pasien Pulang Rawat Inap", "Kesehatan", false, "Pasien kembali dirawat dalam 30 hari", "persen", 12m, 6m),
        new("pupr", "Lapor Jalan Rusak Berbasis Foto", "Pekerjaan Umum dan Penataan Ruang", true, "Waktu tanggap perbaikan jalan kabupaten", "hari", 30m, 7m),
        new("pupr", "Padat Karya Drainase Lingkungan", "Pekerjaan Umum dan Penataan Ruang", false, "Titik genangan di kawasan perkotaan", "titik", 48m, 15m),
        new("dinsos", "Verifikasi DTKS Berbasis RT", "Sosial", true, "Data penerima bansos yang tidak tepat sasaran", "persen", 17m, 5m),
        new("dinsos", "Rumah Singgah Lansia Terlantar", "Sosial", false, "Lansia terlantar yang tertangani", "orang", 80m, 250m),
        new("diskominfo", "Satu Data Tegal", "Komunikasi dan Informatika", true, "Dataset OPD yang terbit di portal data", "dataset", 120m, 600m),
        new("diskominfo", "Wi-Fi Desa untuk Layanan Publik", "Komunikasi dan Informatika", true, "Desa dengan akses internet di balai desa", "desa", 140m, 281m),
        new("dishub", "Retribusi Parkir Non Tunai", "Perhubungan", true, "Realisasi retribusi parkir", "rupiah/bulan", 150000000m, 220000000m),
        new("dishub", "Angkutan Sekolah Gratis Pedesaan", "Perhubungan", false, "Siswa pedesaan terlambat karena transportasi", "persen", 22m, 8m),
        new("kec-slawi", "Laporan Situasi Harian Camat", "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat", true, "Desa yang melapor situasi harian", "persen", 40m, 100m),
        new("dinkes", "Kader Jiwa Sehat Desa", "Kesehatan", false, "Orang dengan gangguan jiwa berat yang terlayani", "persen", 55m, 90m),
        new("disdik", "Sekolah Ramah Anak Bebas Perundungan", "Pendidikan", false, "Kasus perundungan yang dilaporkan dan ditangani", "persen", 30m, 85m),
        new("dpmptsp", "Mal Pelayanan Publik Akhir Pekan", "Penanaman Modal", false, "Layanan yang dibuka pada hari Sabtu", "layanan", 0m, 25m),
        new("dispar", "Homestay Bersertifikat Desa Wisata", "Pariwisata", false, "Homestay bersertifikat CHSE", "unit", 12m, 60m),
        new("rsud", "Telekonsultasi Dokter Spesialis untuk Puskesmas", "Kesehatan", true, "Rujukan yang dapat dicegah", "rujukan/bulan", 300m, 180m),
        new("pupr", "Sertifikasi Tukang Bangunan Desa", "Pekerjaan Umum dan Penataan Ruang", false, "Tukang bersertifikat kompetensi", "orang", 90m, 400m),
        new("dinsos", "Kartu Disabilitas Terpadu", "Sosial", true, "Penyandang disabilitas yang terdata dan memiliki kartu", "persen", 45m, 90m),
    ];
}
