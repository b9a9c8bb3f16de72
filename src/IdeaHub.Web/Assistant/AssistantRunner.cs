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
        await db.SaveChangesAsync(CancellationToken.None);
        await output.WriteAsync(new AssistantEvent("started", run.Id), CancellationToken.None);

        var snapshot = ProposalSnapshot.From(p);
        var values = task == AssistantTask.Critique
            ? new Dictionary<string, string> { ["proposal"] = ProposalText.ForPrompt(snapshot), ["findings"] = Findings(snapshot, t) }
            : new Dictionary<string, string> { ["idea"] = snapshot.Problem, ["opd"] = await OpdName(db, p.OpdId) };
        var chat = model.Kernel.GetRequiredService<IChatClient>();
        var messages = (await prompt.RenderAsync(model.Kernel, values)).Select(m => new ChatMessage(new ChatRole(m.Role), m.Text)).ToList();
        var settings = prompt.Settings;
        var chatOptions = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(prompt.OutputSchema, prompt.Name, prompt.Description),
            Temperature = (float?)settings.Temperature, TopP = (float?)settings.TopP, MaxOutputTokens = settings.MaxTokens,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var text = new StringBuilder();
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
            }
            run.Output = text.ToString();
            final = task == AssistantTask.Critique ? StoreCritique(db, run, prompt, t) : ApplyDraft(db, run, p, snapshot, prompt, t);
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

    private static AssistantEvent StoreCritique(IdeaHubDb db, AssistantRun run, PromptTemplate prompt, IStringLocalizer<AssistantText> t)
    {
        var parsed = AssistantOutput.ParseCritique(run.Output!, prompt.OutputSchema);
        if (!parsed.Ok) return Invalid(run, parsed.Errors, t);
        var c = parsed.Value!;
        var rows = c.Suggestions.Select(s => new AssistantSuggestion { Kind = "field", Field = s.Field, Suggestion = s.Suggestion, Reason = s.Reason })
            .Concat(c.Indicators.Select(i => new AssistantSuggestion
            {
                Kind = "indicator", Field = "indicators", Suggestion = ProposalText.Indicator(i.Indicator), Reason = i.Reason,
                Indicator = System.Text.Json.JsonSerializer.Serialize(i.Indicator, ProposalSnapshot.Json),
            }))
            .Select((s, n) => { s.PemkabId = run.PemkabId; s.RunId = run.Id; s.ProposalId = run.ProposalId; s.Position = n; return s; })
            .ToList();
        db.AddRange(rows);
        run.Status = RunStatus.Succeeded;
        return new AssistantEvent("done", run.Id, Status: run.Status, Summary: c.Summary, Suggestions: rows.Select(SuggestionDto.From).ToList());
    }

    private static AssistantEvent ApplyDraft(IdeaHubDb db, AssistantRun run, Proposal p, ProposalSnapshot start, PromptTemplate prompt, IStringLocalizer<AssistantText> t)
    {
        var parsed = AssistantOutput.ParseDraft(run.Output!, prompt.OutputSchema, start);
        if (!parsed.Ok) return Invalid(run, parsed.Errors, t);
        ProposalService.ReplaceContent(db, p, parsed.Value!);
        p.UpdatedAt = DateTimeOffset.UtcNow;
        p.RevisionNumber += 1;
        db.Add(new ProposalRevision
        {
            PemkabId = p.PemkabId, ProposalId = p.Id, Number = p.RevisionNumber, AuthorId = run.UserId,
            Source = RevisionSource.Assistant, Snapshot = parsed.Value!.ToJson(),
        });
        db.AddAudit(p.PemkabId, run.UserId, "assistant.draft", p.Id, new { run = run.Id, revision = p.RevisionNumber });
        run.Status = RunStatus.Succeeded;
        return new AssistantEvent("done", run.Id, Status: run.Status, Revision: p.RevisionNumber);
    }

    private static AssistantEvent Invalid(AssistantRun run, IReadOnlyList<string> errors, IStringLocalizer<AssistantText> t)
    {
        run.Status = RunStatus.InvalidOutput;
        run.Error = string.Join("; ", errors.Take(5));
        return Error(run.Status, Message(run.Status, t), run.Id);
    }

    // The llama.cpp library's exceptions are matched by name so the assistant does not depend on one runtime.
    private static string Classify(Exception e, CancellationToken callerToken) => e switch
    {
        OperationCanceledException when callerToken.IsCancellationRequested => RunStatus.Cancelled,
        OperationCanceledException or TimeoutException => RunStatus.Timeout,
        _ when e.GetType().Name.Contains("Timeout", StringComparison.Ordinal) => RunStatus.Timeout,
        _ when e.GetType().Name.Contains("QueueFull", StringComparison.Ordinal) => RunStatus.Busy,
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
