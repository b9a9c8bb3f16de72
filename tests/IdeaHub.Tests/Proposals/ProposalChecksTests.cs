using IdeaHub.Web.Assistant;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Tests.Proposals;

public sealed class ProposalChecksTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static List<string> Codes(ProposalSnapshot s) => ProposalChecks.Run(s, Today).Select(f => $"{f.Field}:{f.Code}").ToList();

    [Fact]
    public void A_complete_measurable_proposal_has_no_findings()
    {
        var good = DemoProposals.Licensing(2027);
        Assert.True(ProposalChecks.WordCount(good.Design) >= 300, "the fixture's design must itself be 300+ words");
        Assert.Empty(ProposalChecks.Run(good, Today));
    }

    [Fact]
    public void A_vague_thin_proposal_gets_each_problem_pointed_at_its_field()
    {
        var bad = new ProposalSnapshot(
            "Optimalisasi pelayanan", InnovationStage.Inisiatif, Initiator.Asn, InnovationKind.Digital, InnovationForm.PelayananPublik, "",
            null, null,
            "Pelayanan di kantor kami masih kurang dan masyarakat sering mengeluh.",
            "Optimalisasi layanan melalui sinergi antar bidang untuk meningkatkan kualitas pelayanan publik.",
            "Meningkatkan kualitas dan efektivitas pelayanan.", "", "Pelayanan lebih baik.",
            [
                new("Antrean rata-rata pasien rawat jalan RSUD", "menit", 95, 120, new DateOnly(2027, 12, 31)),
                new("Kepemilikan akta kelahiran anak 0–18 tahun", "persen", 88, 80, new DateOnly(2025, 1, 1)),
                new("Kepuasan masyarakat", "", null, null, null),
            ]);
        var codes = Codes(bad);
        Assert.Contains("urusan:Missing", codes);
        Assert.Contains("problem:ProblemNoNumbers", codes);
        Assert.Contains("design:DesignTooShort", codes);
        Assert.Contains("benefits:Missing", codes);
        Assert.Contains("goals:Thin", codes);
        Assert.Contains("title:Vague", codes);
        Assert.Contains("indicators[0]:IndicatorTargetNotLower", codes);
        Assert.Contains("indicators[1]:IndicatorTargetNotHigher", codes);
        Assert.Contains("indicators[1]:IndicatorDatePast", codes);
        Assert.Contains("indicators[2]:IndicatorNoUnit", codes);
        Assert.Contains("indicators[2]:IndicatorNoBaseline", codes);
        Assert.Contains("indicators[2]:IndicatorNoTarget", codes);
        Assert.Contains("indicators[2]:IndicatorNoDate", codes);
        var vague = ProposalChecks.Run(bad, Today).Where(f => f.Code == "Vague").Select(f => (string)f.Args[0]).ToList();
        Assert.Contains("optimalisasi", vague);
        Assert.Contains("sinergi", vague);
        Assert.Contains("meningkatkan kualitas", vague);
        Assert.Contains("efektivitas", vague);
    }

    [Fact]
    public void Vague_wording_with_a_measure_in_the_same_sentence_is_fine()
    {
        Assert.Empty(ProposalChecks.VagueWithoutMeasure("Optimalisasi loket memangkas antrean dari 95 menjadi 30 menit."));
        Assert.Equal(["mengoptimalkan"], ProposalChecks.VagueWithoutMeasure("Target 30 menit. Kami akan mengoptimalkan layanan."));
    }

    [Theory]
    [InlineData("Waktu penerbitan izin usaha", "hari kerja", IndicatorDirection.Auto, true)]
    [InlineData("Balita stunting di kecamatan Y", "persen", IndicatorDirection.Auto, true)]
    [InlineData("Kunjungan wisatawan ke Danau X", "orang/tahun", IndicatorDirection.Auto, false)]
    [InlineData("Realisasi retribusi pasar", "rupiah/bulan", IndicatorDirection.Auto, false)]
    [InlineData("Realisasi retribusi pasar", "rupiah/bulan", IndicatorDirection.Decrease, true)]
    [InlineData("Waktu layanan malam hari", "jam/hari", IndicatorDirection.Increase, false)]
    public void Direction_comes_from_wording_and_unit_unless_set(string name, string unit, IndicatorDirection direction, bool lowerIsBetter) =>
        Assert.Equal(lowerIsBetter, ProposalChecks.IsLowerBetter(new IndicatorData(name, unit, 1, 2, null, direction)));

    [Fact]
    public void Every_finding_has_an_Indonesian_and_an_English_message_and_fix()
    {
        var id = Resource("Assistant/AssistantText.resx");
        var en = Resource("Assistant/AssistantText.en.resx");
        foreach (var code in new[] { "Missing", "Thin", "DesignTooShort", "ProblemNoNumbers", "Vague", "NoIndicators", "IndicatorNoUnit", "IndicatorNoBaseline",
                     "IndicatorNoTarget", "IndicatorNoDate", "IndicatorDatePast", "IndicatorTargetNotHigher", "IndicatorTargetNotLower" })
        {
            Assert.Contains($"\"Check.{code}\"", id);
            Assert.Contains($"\"Check.{code}.Fix\"", id);
            Assert.Contains($"\"Check.{code}.Fix\"", en);
        }
    }

    private static string Resource(string path) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "IdeaHub.Web", "Resources", path));
}
