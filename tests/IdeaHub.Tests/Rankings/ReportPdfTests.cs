using System.Net;
using System.Security.Claims;
using System.Text;
using IdeaHub.Tests.Infrastructure;
using IdeaHub.Web.Rankings;
using Microsoft.Extensions.DependencyInjection;

namespace IdeaHub.Tests.Rankings;

/// <summary>The monthly report as a PDF printed by headless Chromium, over real Kestrel, and its one-time tickets.</summary>
public sealed class ReportPdfTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };

    [Fact]
    public async Task Bupati_downloads_the_report_as_a_pdf_of_the_printed_page()
    {
        using var bupati = await app.ClientAsAsync("bupati");
        var res = await bupati.GetAsync("/Dashboard/Report?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/pdf", res.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^laporan-inovasi-\d{4}-\d{2}\.pdf$", res.Content.Headers.ContentDisposition?.FileNameStar ?? res.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await res.Content.ReadAsByteArrayAsync();
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-", text);
        Assert.Matches(@"/Type\s*/Page\b", text);
        // Chromium writes the page title into the document info: the signed-in report, not the login page.
        Assert.True(text.Contains("(Laporan Inovasi Bulanan", StringComparison.Ordinal) || text.Contains(Utf16Hex("Laporan Inovasi Bulanan"), StringComparison.OrdinalIgnoreCase),
            "the PDF's title is not the report's");
    }

    [Fact]
    public async Task An_asn_gets_no_pdf()
    {
        using var asn = await app.ClientAsAsync("asn.dinkes");
        Assert.Equal(HttpStatusCode.Forbidden, (await asn.GetAsync("/Dashboard/Report?handler=Pdf")).StatusCode);
    }

    [Fact]
    public async Task A_print_ticket_works_once_only_on_the_report_and_a_made_up_one_not_at_all()
    {
        using var anonymous = Anonymous();
        var pdf = app.Services.GetRequiredService<ReportPdf>();
        var bupati = await BupatiPrincipalAsync();

        var ticket = pdf.IssueTicket(bupati);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/Dashboard?{ReportPdf.TicketParameter}={ticket}")).StatusCode);
        // Used on another page it was not redeemed: the report still accepts it, once.
        var first = await anonymous.GetAsync($"/Dashboard/Report?{ReportPdf.TicketParameter}={ticket}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Laporan Inovasi Bulanan", await first.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/Dashboard/Report?{ReportPdf.TicketParameter}={ticket}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/Dashboard/Report?{ReportPdf.TicketParameter}={new string('A', 64)}")).StatusCode);
    }

    private async Task<ClaimsPrincipal> BupatiPrincipalAsync()
    {
        // The principal the app builds at sign-in, so the ticket stands for a real session.
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<IdeaHub.Web.Organisation.AppUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<IdeaHub.Web.Organisation.AppUser>>();
        return await factory.CreateAsync((await users.FindByNameAsync("bupati"))!);
    }

    private static string Utf16Hex(string s) => "FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(s));
}
