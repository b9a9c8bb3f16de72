using IdeaHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdeaHub.Web.Organisation;

/// <summary>
/// The demo regency with realistic OPDs and fictional people: admin, bupati, reviewer, and per OPD
/// kepala.&lt;code&gt; and asn.&lt;code&gt;. A second, small regency exists to show tenant isolation and prior art.
/// </summary>
internal sealed class DemoOrganisationSeeder(ILogger<DemoOrganisationSeeder> log, IConfiguration config) : IDemoSeeder
{
    public const string DemoPemkabCode = "kab-tegal";
    public const string OtherPemkabCode = "kab-bintan";

    public static readonly (string Code, string Name, string Head, string Staff)[] Opds =
    [
        ("dinkes", "Dinas Kesehatan", "dr. Ratna Wulandari", "Agus Prasetyo"),
        ("disdik", "Dinas Pendidikan", "Drs. Bambang Sutrisno", "Siti Rahmawati"),
        ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Hendra Gunawan, S.E.", "Dewi Lestari"),
        ("dispar", "Dinas Pariwisata dan Kebudayaan", "Yulia Kartika, M.Par.", "Rizky Firmansyah"),
        ("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Slamet Riyadi, S.Sos.", "Nur Aini"),
        ("bapperida", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "Ir. Teguh Santoso", "Fajar Nugroho"),
        ("rsud", "RSUD Kabupaten", "dr. Indra Wijaya, Sp.PD", "Maya Sari"),
        ("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "Ir. Joko Susilo", "Eko Saputra"),
        ("dinsos", "Dinas Sosial", "Sri Handayani, S.Sos.", "Andi Kurniawan"),
        ("diskominfo", "Dinas Komunikasi dan Informatika", "Arief Budiman, M.Kom.", "Lina Marlina"),
        ("dishub", "Dinas Perhubungan", "Budi Hartono, S.T.", "Wahyu Hidayat"),
        ("kec-slawi", "Kecamatan Slawi", "Dimas Aditya, S.IP.", "Putri Ayuningtyas"),
    ];

    public int Order => 0;

    public static string DemoPassword(IConfiguration config) =>
        config["IDEAHUB_DEMO_PASSWORD"] ?? Environment.GetEnvironmentVariable("IDEAHUB_DEMO_PASSWORD") ?? "IdeaHub#2026";

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<IdeaHubDb>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        var password = DemoPassword(config);
        foreach (var role in Roles.Stored)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole<Guid>(role));

        if (!await db.Pemkabs.AnyAsync(p => p.Code == DemoPemkabCode, ct))
        {
            var pemkab = new Pemkab { Code = DemoPemkabCode, Name = "Kabupaten Tegal" };
            db.Pemkabs.Add(pemkab);
            var opds = Opds.Select(o => new Opd { PemkabId = pemkab.Id, Code = o.Code, Name = o.Name }).ToList();
            db.Opds.AddRange(opds);
            await db.SaveChangesAsync(ct);

            await Create(users, pemkab.Id, null, "admin", "Rina Admin Sistem", Roles.Admin, password);
            await Create(users, pemkab.Id, null, "bupati", "H. Darmawan Saputra", Roles.Bupati, password);
            await Create(users, pemkab.Id, null, "reviewer", "Tim Inovasi Bapperida", Roles.Reviewer, password);
            foreach (var (opd, spec) in opds.Zip(Opds))
            {
                await Create(users, pemkab.Id, opd.Id, $"kepala.{opd.Code}", spec.Head, Roles.KepalaOpd, password);
                await Create(users, pemkab.Id, opd.Id, $"asn.{opd.Code}", spec.Staff, Roles.Asn, password);
            }
        }
        if (!await db.Pemkabs.AnyAsync(p => p.Code == OtherPemkabCode, ct))
        {
            var other = new Pemkab { Code = OtherPemkabCode, Name = "Kabupaten Bintan" };
            var opd = new Opd { PemkabId = other.Id, Code = "dinkes", Name = "Dinas Kesehatan" };
            db.Pemkabs.Add(other);
            db.Opds.Add(opd);
            await db.SaveChangesAsync(ct);
            await Create(users, other.Id, null, "admin.bintan", "Admin Bintan", Roles.Admin, password);
            await Create(users, other.Id, opd.Id, "asn.bintan.dinkes", "Rahmat Hidayat", Roles.Asn, password);
            await Create(users, other.Id, opd.Id, "kepala.bintan.dinkes", "dr. Fitri Handayani", Roles.KepalaOpd, password);
        }
        if (await users.FindByNameAsync("operator") is null)
        {
            var demo = await db.Pemkabs.SingleAsync(p => p.Code == DemoPemkabCode, ct);
            await Create(users, demo.Id, null, "operator", "Operator Deployment", Roles.Operator, password);
        }
        foreach (var pemkabId in await db.Pemkabs.Select(p => p.Id).ToListAsync(ct))
            await Reviews.RubricDefaults.EnsureAsync(db, pemkabId, ct);
        log.LogWarning("Demo data ready. Log in as admin, bupati, reviewer, operator, kepala.<opd>, asn.<opd> (e.g. asn.dinkes) with password {Password}", password);
    }

    private static async Task Create(UserManager<AppUser> users, Guid pemkab, Guid? opd, string userName, string fullName, string role, string password)
    {
        var user = new AppUser { UserName = userName, FullName = fullName, PemkabId = pemkab, OpdId = opd, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(user, role);
    }
}
