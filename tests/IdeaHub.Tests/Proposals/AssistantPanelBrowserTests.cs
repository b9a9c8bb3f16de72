using Microsoft.Playwright;

namespace IdeaHub.Tests.Proposals;

/// <summary>The assistant panel's states in Chromium with the scripted model: idle, running, cancelled, nothing found.</summary>
public sealed class AssistantPanelBrowserTests(ScriptedBrowserApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ScriptedBrowserApp>
{
    private async Task<IPage> ProposalPageAsync()
    {
        var asn = await app.ClientAsAsync("asn.dinkes");
        var p = await asn.CreateAsync();
        var page = await app.LoginAsync("asn.dinkes");
        page.Console += (_, m) => output.WriteLine($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => output.WriteLine($"page error: {e}");
        await page.GotoAsync($"/proposals/{p.Id}");
        return page;
    }

    [Fact]
    public async Task Idle_hides_cancel_running_disables_the_run_button_visibly_and_cancel_closes_the_socket()
    {
        var page = await ProposalPageAsync();
        var run = page.Locator("#run-assistant");
        var cancel = page.Locator("#cancel-assistant");
        await Assertions.Expect(cancel).ToBeHiddenAsync();
        Assert.Equal("1", await run.EvaluateAsync<string>("b => getComputedStyle(b).opacity"));

        var opened = 0;
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.WebSocket += (_, ws) =>
        {
            if (!ws.Url.Contains("/hubs/assistant", StringComparison.Ordinal)) return;
            Interlocked.Increment(ref opened);
            ws.Close += (_, _) => closed.TrySetResult();
        };
        app.Chat.Hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Chat.HoldAt = _ => 40;
        try
        {
            await run.ClickAsync();
            await app.Chat.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Assertions.Expect(cancel).ToBeVisibleAsync();
            await Assertions.Expect(run).ToBeDisabledAsync();
            Assert.Equal(("0.5", "not-allowed"), (await run.EvaluateAsync<string>("b => getComputedStyle(b).opacity"),
                await run.EvaluateAsync<string>("b => getComputedStyle(b).cursor")));

            await cancel.ClickAsync();
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(1, opened);
            await Assertions.Expect(page.Locator("[data-testid=assistant-status]")).ToHaveTextAsync("Dibatalkan. Teks Anda tidak berubah.");
            await Assertions.Expect(cancel).ToBeHiddenAsync();
            await Assertions.Expect(run).ToBeEnabledAsync();
        }
        finally
        {
            app.Chat.Hold?.TrySetResult();
            app.Chat.Hold = null;
        }
    }

    [Fact]
    public async Task An_answer_without_suggestions_says_the_model_found_nothing()
    {
        var page = await ProposalPageAsync();
        app.Chat.Respond = _ => """{"summary":"Usulan sudah lengkap.","suggestions":[],"indicators":[]}""";
        try
        {
            await page.ClickAsync("#run-assistant");
            await Assertions.Expect(page.Locator("[data-testid=assistant-status]")).ToHaveTextAsync(
                "Model tidak menemukan saran untuk usulan ini. Tidak ada yang perlu diterima atau ditolak.", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("li.suggestion")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#cancel-assistant")).ToBeHiddenAsync();
        }
        finally
        {
            app.Chat.Respond = _ => ScriptedChatClient.Critique();
        }
    }

    [Fact]
    public async Task The_first_suggestion_appears_while_the_model_is_still_writing_the_rest()
    {
        var page = await ProposalPageAsync();
        var status = page.Locator("[data-testid=assistant-status]");
        app.Chat.Hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Chat.HoldAt = answer => answer.IndexOf("},", StringComparison.Ordinal) + 2; // just after the first suggestion
        try
        {
            await page.ClickAsync("#run-assistant");
            await app.Chat.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Assertions.Expect(page.Locator("li.suggestion")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("li.summary")).ToHaveTextAsync("Usulan perlu angka yang lebih tegas.");
            await Assertions.Expect(page.Locator("li.suggestion h3")).ToHaveTextAsync("Tujuan");
            await Assertions.Expect(status).ToHaveTextAsync("Asisten sedang menulis…");
            await Assertions.Expect(page.Locator("#cancel-assistant")).ToBeVisibleAsync();

            app.Chat.Hold?.TrySetResult();
            await Assertions.Expect(page.Locator("li.suggestion")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
            await Assertions.Expect(status).ToHaveTextAsync("Saran siap. Terima atau tolak satu per satu.");
            await Assertions.Expect(page.Locator("li.summary")).ToHaveCountAsync(1);
        }
        finally
        {
            app.Chat.Hold?.TrySetResult();
            app.Chat.Hold = null;
        }
    }
}
