using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IdeaHub.Web.Rankings;

/// <summary>
/// The monthly report as a PDF, printed by headless Chromium (installed by eng/setup.sh) from the very page the
/// user would print. Chromium cannot carry the user's cookie, so the server hands it a one-time ticket: valid for
/// one GET of <see cref="ReportPath"/> from loopback within a minute, acting as the user who asked. The ticket is
/// issued only once this request holds the print slot (<see cref="PrintQueue"/>), and a PDF whose ticket was not
/// redeemed (so Chromium printed something else, such as the login page) is never returned.
/// </summary>
public sealed class ReportPdf(IServer server, IConfiguration config, PrintQueue queue, ILogger<ReportPdf> log)
{
    public const string ReportPath = "/Dashboard/Report";
    public const string TicketParameter = "print-ticket";
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal User, DateTimeOffset Expires)> _tickets = new();
    private readonly ConcurrentDictionary<string, bool> _redeemed = new();

    /// <summary>Tickets issued and not yet redeemed or expired.</summary>
    public int OutstandingTickets => _tickets.Count(t => t.Value.Expires >= DateTimeOffset.UtcNow);

    public string ChromiumPath => config["IdeaHub:Chromium"] ?? Environment.GetEnvironmentVariable("IDEAHUB_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>False when no Chromium is installed or the app has no HTTP address Chromium could load from.</summary>
    public bool IsAvailable => File.Exists(ChromiumPath) && LoopbackBase() is not null;

    public string IssueTicket(ClaimsPrincipal user)
    {
        foreach (var (key, t) in _tickets)
            if (t.Expires < DateTimeOffset.UtcNow) _tickets.TryRemove(key, out _);
        var ticket = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _tickets[ticket] = (user, DateTimeOffset.UtcNow + TicketLifetime);
        return ticket;
    }

    /// <summary>The user a ticket stands for, once: a second use, an expired or unknown ticket gives null.</summary>
    public ClaimsPrincipal? Redeem(string ticket)
    {
        if (!_tickets.TryRemove(ticket, out var t) || t.Expires < DateTimeOffset.UtcNow) return null;
        _redeemed[ticket] = true;
        return t.User;
    }

    /// <summary>
    /// Prints the report of <paramref name="month"/> for <paramref name="user"/>: <see cref="PdfResult.Busy"/> when the
    /// print queue is full, <see cref="PdfResult.Failed"/> when Chromium failed or printed anything but the report.
    /// </summary>
    public async Task<(PdfResult Result, byte[]? Pdf)> RenderAsync(ClaimsPrincipal user, MonthKey month, string culture, CancellationToken ct)
    {
        var origin = LoopbackBase() ?? throw new InvalidOperationException("The app listens on no HTTP address.");
        using var slot = await queue.EnterAsync(ct);
        if (slot is null) return (PdfResult.Busy, null);
        var ticket = IssueTicket(user);
        var url = $"{origin}{ReportPath}?month={month}&culture={Uri.EscapeDataString(culture)}&ui-culture={Uri.EscapeDataString(culture)}&{TicketParameter}={ticket}";
        var work = Directory.CreateTempSubdirectory("ideahub-pdf-");
        var output = Path.Combine(work.FullName, "report.pdf");
        try
        {
            var psi = new ProcessStartInfo(ChromiumPath) { RedirectStandardError = true, RedirectStandardOutput = true };
            // No sandbox: it needs user namespaces that servers and containers often lack, and the only page ever
            // loaded is this server's own report over loopback.
            foreach (var a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run", "--disable-dev-shm-usage",
                $"--user-data-dir={Path.Combine(work.FullName, "profile")}", $"--accept-lang={culture}",
                "--no-pdf-header-footer", "--virtual-time-budget=5000", $"--print-to-pdf={output}", url,
            }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync(ct);
            _ = p.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try { await p.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                throw;
            }
            if (p.ExitCode != 0 || !File.Exists(output))
            {
                var error = await stderr;
                log.LogWarning("Chromium exited {Code} without a PDF: {Error}", p.ExitCode, error[..Math.Min(2000, error.Length)]);
                return (PdfResult.Failed, null);
            }
            if (!_redeemed.TryRemove(ticket, out _))
            {
                log.LogWarning("Chromium printed without redeeming its ticket (not the report); the PDF is discarded.");
                return (PdfResult.Failed, null);
            }
            return (PdfResult.Ok, await File.ReadAllBytesAsync(output, ct));
        }
        finally
        {
            _tickets.TryRemove(ticket, out _);
            _redeemed.TryRemove(ticket, out _);
            try { work.Delete(recursive: true); } catch (IOException) { } // best effort: a temp folder
        }
    }

    private string? LoopbackBase()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var a in addresses)
        {
            if (!a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) continue;
            var port = new Uri(a.Replace("://+", "://localhost").Replace("://*", "://localhost")).Port;
            return $"http://127.0.0.1:{port}";
        }
        return null;
    }
}

public enum PdfResult { Ok, Busy, Failed }

public static class ReportPdfMiddleware
{
    /// <summary>
    /// Between authentication and the session guard: a valid ticket on the report page, from loopback, signs the
    /// request in as the user who asked for the PDF. Anything else about the request is untouched.
    /// </summary>
    public static IApplicationBuilder UseReportPrintTickets(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (HttpMethods.IsGet(ctx.Request.Method)
            && ctx.Request.Path.Equals(ReportPdf.ReportPath, StringComparison.OrdinalIgnoreCase)
            && ctx.Request.Query[ReportPdf.TicketParameter].ToString() is { Length: > 0 } ticket
            && ctx.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip))
        {
            if (ctx.RequestServices.GetRequiredService<ReportPdf>().Redeem(ticket) is { } user) ctx.User = user;
        }
        await next();
    });
}
