using IdeaHub.Web.Platform;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using IdeaHub.Web.Data;
using IdeaHub.Web.Organisation;
using IdeaHub.Web.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace IdeaHub.Web.Assistant;

/// <summary>
/// Runs a prompt for one proposal and streams the answer. The proposal is only read (the editor saves it before
/// asking); a critique becomes pending suggestions, a draft skeleton becomes a new revision. Every run is recorded.
/// </summary>
public sealed class AssistantRunner(
    IServiceScopeFactory scopes, AssistantModel model, PromptLibrary prompts, AssistantGate gate,
    IOptions<AssistantOptions> options, ILogger<AssistantRunner> log)
{
    public IAsyncEnumerable<AssistantEvent> RunAsync(Caller caller, Guid proposalId, AssistantTask task, CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<AssistantEvent>(new UnboundedChannelOptions { SingleReader = true });
        var culture = CultureInfo.CurrentUICulture;
        _ = Task.Run(async () =>
        {
            CultureInfo.CurrentUICulture = culture;
            try
            {
                await ProduceAsync(caller, proposalId, task, channel.Writer, ct);
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, CancellationToken.None);
        return channel.Reader.ReadAllAsync(ct);
    }

    private async Task ProduceAsync(Caller caller, Guid proposalId, AssistantTask task, ChannelWriter<AssistantEvent> output, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(caller.PemkabId!.Value);
        var db = scope.ServiceProvider.GetRequiredService<IdeaHubDb>();
        var t = scope.ServiceProvider.GetRequiredService<IStringLocalizer<AssistantText>>();
        var prompt = prompts.Get(task == AssistantTask.Critique ? "critique_proposal" : "draft_from_idea");

        var p = await db.Set<Proposal>().Include(x => x.Indicators).Include(x => x.CoAuthors)
            .FirstOrDefaultAsync(x => x.Id == proposalId, CancellationToken.None);
        if (p is null || !ProposalAccess.CanEdit(p, caller))
        {
            await output.WriteAsync(Error(RunStatus.Failed, t["Run.Forbidden"]), CancellationToken.None);
            return;
        }
        var run = new AssistantRun
        {
            PemkabId = p.PemkabId, ProposalId = p.Id, UserId = caller.Id,
            PromptName = prompt.Name, PromptVersion = prompt.Version, ModelId = model.ModelId,
        };
        db.Add(run);
        using var lease = model.IsReady ? gate.TryEnter(caller.Id) : null;
        if (!model.IsReady || lease is null)
        {
            (run.Status, run.Error) = model.IsReady ? (RunStatus.Busy, null) : (RunStatus.NotConfigured, model.UnavailableReason);
            await db.SaveChangesAsync(CancellationToken.None);
            await output.WriteAsync(Error(run.Status, Message(run.Status, t), run.Id), CancellationToken.None);
            return;
        }
        var snapshot = ProposalSnapshot.From(p);
        var values = task == AssistantTask.Critique
            ? new Dictionary<string, string> { ["proposal"] = ProposalText.ForPrompt(snapshot), ["findings"] = Findings(snapshot, t) }
            : new Dictionary<string, string> { ["idea"] = snapshot.Problem, ["opd"] = await OpdName(db, p.OpdId) };
        var chat = model.Kernel.GetRequiredService<IChatClient>();
        FittedPrompt fitted;
        try
        {
            fitted = await PromptBudget.FitAsync(chat, model.Kernel, prompt, task, snapshot, values, t);
        }
        catch (PromptTooLongException e)
        {
            (run.Status, run.Error, run.TokensIn) = (RunStatus.TooLong, $"{e.PromptTokens} prompt tokens, budget {e.Budget}", e.PromptTokens);
            await db.SaveChangesAsync(CancellationToken.None);
            await output.WriteAsync(Error(run.Status, e.Message, run.Id), CancellationToken.None);
            return;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        await output.WriteAsync(new AssistantEvent("started", run.Id, Notes: fitted.Trimmed), CancellationToken.None);
        var messages = fitted.Messages;
        var settings = prompt.Settings;
        var chatOptions = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(prompt.OutputSchema, prompt.Name, prompt.Description),
            Temperature = (float?)settings.Temperature, TopP = (float?)settings.TopP, MaxOutputTokens = fitted.MaxOutputTokens,
            // The system part is the same for every run of this prompt version: an in-process model reuses its KV cells.
            AdditionalProperties = new() { ["prefix_cache_key"] = $"{prompt.Name}@{prompt.Version}" },
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var text = new StringBuilder();
        var critique = task == AssistantTask.Critique ? new StreamedCritique(db, run, prompt) : null;
        var clock = Stopwatch.StartNew();
        AssistantEvent final;
        try
        {
            await foreach (var update in chat.GetStreamingResponseAsync(messages, chatOptions, timeout.Token))
            {
                if (!string.IsNullOrEmpty(update.ModelId)) run.ModelId = update.ModelId;
                foreach (var usage in update.Contents.OfType<UsageContent>())
                    (run.TokensIn, run.TokensOut) = ((int?)usage.Details.InputTokenCount ?? run.TokensIn, (int?)usage.Details.OutputTokenCount ?? run.TokensOut);
                if (string.IsNullOrEmpty(update.Text)) continue;
                text.Append(update.Text);
                await output.WriteAsync(new AssistantEvent("token", run.Id, update.Text), CancellationToken.None);
                if (critique is not null)
                    foreach (var e in await critique.PushAsync(update.Text)) await output.WriteAsync(e, CancellationToken.None);
            }
            run.Output = text.ToString();
            final = critique is not null ? critique.Finish(t) : AssistantResults.ApplyDraft(db, run, p, snapshot, prompt, t);
        }
        catch (Exception e)
        {
            run.Output = text.ToString();
            run.Status = Classify(e, ct);
            run.Error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            if (run.Status == RunStatus.Failed) log.LogError(e, "Assistant run {RunId} failed", run.Id);
            final = Error(run.Status, Message(run.Status, t), run.Id);
        }
        run.DurationMs = (int)clock.ElapsedMilliseconds;
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException e)
        {
            // Typically the ASN saved the proposal while the draft was being written: keep their text, record the run.
            log.LogWarning(e, "Assistant run {RunId}: result not applied", run.Id);
            db.ChangeTracker.Clear();
            (run.Status, run.Error) = (RunStatus.Failed, "result not applied: " + e.Message[..Math.Min(e.Message.Length, 500)]);
            db.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
            final = Error(run.Status, Message(run.Status, t), run.Id);
        }
        await output.WriteAsync(final, CancellationToken.None);
    }

    // The llama.cpp library's exceptions are matched by name so the assistant does not depend on one runtime.
    private static string Classify(Exception e, CancellationToken callerToken) => e switch
    {
        OperationCanceledException when callerToken.IsCancellationRequested => RunStatus.Cancelled,
        OperationCanceledException or TimeoutException => RunStatus.Timeout,
        _ when e.GetType().Name.Contains("Timeout", StringComparison.Ordinal) => RunStatus.Timeout,
        _ when e.GetType().Name.Contains("QueueFull", StringComparison.Ordinal) => RunStatus.Busy,
        _ when e.GetType().Name.Contains("ContextOverflow", StringComparison.Ordinal) => RunStatus.TooLong,
        _ when e.GetType().Name.Contains("Unavailable", StringComparison.Ordinal) => RunStatus.NotConfigured,
        _ => RunStatus.Failed,
    };

    private static string Message(string status, IStringLocalizer<AssistantText> t) => t[$"Run.{status}"];

    private static AssistantEvent Error(string status, string message, Guid? runId = null) => new("error", runId, Status: status, Message: message);

    private static string Findings(ProposalSnapshot s, IStringLocalizer<AssistantText> t)
    {
        var lines = ProposalChecks.Run(s, DateOnly.FromDateTime(DateTime.UtcNow)).Select(f => "- " + CheckText.Describe(f, t).Message).ToList();
        return lines.Count == 0 ? "-" : string.Join('\n', lines);
    }

    private static async Task<string> OpdName(IdeaHubDb db, Guid opdId) =>
        await db.Opds.Where(o => o.Id == opdId).Select(o => o.Name).FirstOrDefaultAsync() ?? "-";
}
