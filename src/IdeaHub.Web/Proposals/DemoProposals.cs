namespace IdeaHub.Web.Proposals;

/// <summary>Realistic demo proposals (fictional, with the reference indicators) used by the seeder and the tests.</summary>
public static class DemoProposals
{
    public sealed record Demo(string Opd, ProposalStatus Status, ProposalSnapshot Content);

    public const string LicensingDesign =
        "Selama ini pelaku usaha di Kabupaten Tegal harus datang ke kantor DPMPTSP paling sedikit tiga kali untuk mengurus izin usaha: " +
        "menyerahkan berkas, melengkapi kekurangan, dan mengambil izin. Berkas fisik berpindah antara loket, tim teknis dari dinas terkait, " +
        "dan bagian penandatanganan, sehingga rata-rata waktu penerbitan mencapai 14 hari kerja. Pada tahun lalu tercatat 2.340 permohonan, " +
        "dan 38 persen di antaranya dikembalikan karena berkas tidak lengkap. Keluhan terbanyak di kanal pengaduan adalah ketidakjelasan status permohonan. " +
        "Inovasi Izin Usaha Kilat mengubah alur tersebut menjadi layanan terintegrasi. Pertama, pemohon mengisi formulir daring yang memeriksa kelengkapan " +
        "berkas secara otomatis sebelum permohonan dikirim, sehingga berkas yang tidak lengkap tidak lagi masuk antrean. Kedua, tim teknis dari dinas terkait " +
        "menerima permohonan secara bersamaan, bukan berurutan, melalui dasbor yang menunjukkan tenggat setiap tahap. Ketiga, izin ditandatangani secara " +
        "elektronik dengan sertifikat dari Balai Sertifikasi Elektronik, sehingga pemohon tidak perlu datang untuk mengambil dokumen. Keempat, pemohon " +
        "menerima pemberitahuan status melalui pesan singkat pada setiap perubahan tahap. Pelaksana inovasi adalah bidang pelayanan DPMPTSP bersama " +
        "Diskominfo sebagai pengelola server dan integrasi, dengan dukungan tim teknis dari Dinas PUPR, Dinas Kesehatan, dan Dinas Perhubungan. " +
        "Tahapan pelaksanaan: bulan pertama penyusunan standar operasional prosedur baru dan peraturan bupati tentang tanda tangan elektronik; " +
        "bulan kedua dan ketiga pengembangan formulir daring dan dasbor; bulan keempat uji coba untuk izin usaha mikro dan kecil di dua kecamatan; " +
        "bulan kelima evaluasi dan perbaikan; bulan keenam penerapan di seluruh kabupaten. Anggaran yang dibutuhkan sekitar Rp 185.000.000 untuk " +
        "pengembangan aplikasi, pelatihan 40 petugas, dan sosialisasi kepada asosiasi pelaku usaha. Inovasi ini berada dalam kewenangan daerah karena " +
        "pelayanan perizinan berusaha diselenggarakan oleh pemerintah kabupaten, tidak membebani pemohon karena tidak ada biaya tambahan, dan dapat " +
        "direplikasi oleh kabupaten lain yang menggunakan sistem perizinan serupa. Keberhasilan diukur dari waktu penerbitan izin, persentase berkas " +
        "yang dikembalikan, dan jumlah pengaduan tentang status permohonan, yang dilaporkan setiap bulan kepada Kepala DPMPTSP dan Bupati. " +
        "Data awal diambil dari catatan loket tahun lalu, sehingga perbandingan sebelum dan sesudah dapat diperiksa oleh Tim Inovasi.";

    public static ProposalSnapshot Licensing(int year) => new(
        "Izin Usaha Kilat: penerbitan izin usaha terintegrasi daring", InnovationStage.UjiCoba, Initiator.Opd, InnovationKind.Digital,
        InnovationForm.PelayananPublik, "Penanaman Modal", new DateOnly(year, 3, 1), new DateOnly(year, 7, 1),
        "Rata-rata waktu penerbitan izin usaha di DPMPTSP 14 hari kerja; 38 persen dari 2.340 permohonan tahun lalu dikembalikan karena berkas tidak lengkap.",
        LicensingDesign,
        "Memangkas waktu penerbitan izin usaha dari 14 menjadi 3 hari kerja dan menurunkan berkas yang dikembalikan dari 38 menjadi 10 persen pada akhir tahun uji coba.",
        "Pelaku usaha menghemat waktu dan biaya perjalanan; petugas tidak lagi memindahkan berkas fisik; status permohonan dapat dipantau setiap saat oleh pemohon.",
        "Izin usaha terbit paling lama 3 hari kerja, pemohon menerima pemberitahuan status otomatis, dan laporan kinerja bulanan tersedia bagi Bupati.",
        [
            new("Waktu penerbitan izin usaha", "hari kerja", 14, 3, new DateOnly(year, 12, 31)),
            new("Berkas permohonan yang dikembalikan", "persen", 38, 10, new DateOnly(year, 12, 31), IndicatorDirection.Decrease),
        ]);

    public static IEnumerable<Demo> All(int year) =>
    [
        new("dpmptsp", ProposalStatus.ApprovedForTrial, Licensing(year)),
        new("rsud", ProposalStatus.Submitted, Licensing(year) with
        {
            Title = "Antrean daring rawat jalan RSUD", Urusan = "Kesehatan", Stage = InnovationStage.Inisiatif,
            Problem = "Pasien rawat jalan RSUD menunggu rata-rata 95 menit sebelum dilayani; 60 persen datang sebelum pukul 07.00 untuk mengambil nomor antrean.",
            Design = "Pasien mengambil nomor antrean melalui aplikasi atau pesan singkat sehari sebelumnya dan menerima perkiraan jam layanan. Loket pendaftaran dan poliklinik memakai satu sistem antrean sehingga urutan tidak berubah. Pasien lansia tetap dapat mendaftar di loket khusus.",
            Goals = "Menurunkan waktu tunggu rata-rata pasien rawat jalan dari 95 menjadi 30 menit dalam satu tahun.",
            Benefits = "Pasien tidak perlu datang subuh, ruang tunggu tidak penuh, dan dokter dapat memulai layanan tepat waktu.",
            Results = "Sistem antrean daring terpadu berjalan di seluruh poliklinik dan waktu tunggu dipantau setiap hari.",
            Indicators = [new("Antrean rata-rata pasien rawat jalan RSUD", "menit", 95, 30, new DateOnly(year, 12, 31))],
        }),
        new("dukcapil", ProposalStatus.Implemented, Licensing(year) with
        {
            Title = "Jemput bola akta kelahiran di sekolah dan posyandu", Urusan = "Administrasi Kependudukan dan Pencatatan Sipil",
            Stage = InnovationStage.Penerapan, Kind = InnovationKind.NonDigital,
            Problem = "Baru 88 persen anak usia 0–18 tahun di Kabupaten Tegal memiliki akta kelahiran; sekitar 41.000 anak belum tercatat.",
            Design = "Petugas Disdukcapil mendatangi sekolah dan posyandu sesuai jadwal bulanan, memeriksa dokumen di tempat, dan menyerahkan akta dalam kunjungan berikutnya.",
            Goals = "Menaikkan kepemilikan akta kelahiran anak dari 88 menjadi 98 persen.",
            Benefits = "Anak dapat mengakses sekolah, bantuan sosial, dan layanan kesehatan tanpa hambatan dokumen.",
            Results = "Jadwal jemput bola di seluruh kecamatan dan data anak tanpa akta yang terus diperbarui.",
            Indicators = [new("Kepemilikan akta kelahiran anak 0–18 tahun", "persen", 88, 98, new DateOnly(year, 12, 31))],
        }),
        new("dispar", ProposalStatus.Draft, Licensing(year) with
        {
            Title = "Paket wisata desa terintegrasi", Urusan = "Pariwisata", Stage = InnovationStage.Inisiatif,
            Problem = "Kunjungan wisatawan ke Danau X hanya 120.000 orang per tahun dan sebagian besar pulang di hari yang sama.",
            Design = "Optimalisasi potensi desa wisata melalui sinergi pemangku kepentingan.",
            Goals = "Meningkatkan kualitas pariwisata daerah.",
            Benefits = "", Results = "",
            Indicators = [new("Kunjungan wisatawan ke Danau X", "orang/tahun", 120_000, 180_000, new DateOnly(year, 12, 31))],
        }),
        new("dinkes", ProposalStatus.NeedsRevision, Licensing(year) with
        {
            Title = "Posyandu digital pemantau balita stunting", Urusan = "Kesehatan", Stage = InnovationStage.Inisiatif,
            Problem = "Prevalensi balita stunting di kecamatan Y 24,5 persen, di atas rata-rata kabupaten.",
            Design = "Kader posyandu mencatat tinggi dan berat badan balita di aplikasi; puskesmas menerima peringatan untuk balita berisiko.",
            Goals = "Menurunkan balita stunting di kecamatan Y dari 24,5 menjadi 14 persen.",
            Benefits = "Balita berisiko ditangani lebih awal.",
            Results = "Data pertumbuhan balita tersedia setiap bulan.",
            Indicators = [new("Balita stunting di kecamatan Y", "persen", 24.5m, 14, new DateOnly(year, 12, 31))],
        }),
    ];
}
