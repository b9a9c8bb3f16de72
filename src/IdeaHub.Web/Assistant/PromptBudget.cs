using IdeaHub.LlamaCpp;
using IdeaHub.Web.Proposals;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Localization;
using Microsoft.SemanticKernel;

namespace IdeaHub.Web.Assistant;

/// <summary>A rendered prompt that fits the model's context with room for the answer, and what was left out to fit.</summary>
public sealed record FittedPrompt(IReadOnlyList<ChatMessage> Messages, int? PromptTokens, int? MaxOutputTokens, IReadOnlyList<string> Trimmed);

/// <summary>The prompt cannot fit whatever is trimmed; the message tells the ASN what to shorten. Retrying never helps.</summary>
public sealed class PromptTooLongException(string message, int promptTokens, int budget) : Exception(message)
{
    public int PromptTokens { get; } = promptTokens;
    public int Budget { get; } = budget;
}

/// <summary>
/// Fits a prompt into the context of an in-process model: the answer keeps at least the prompt file's
/// answer_reserve_tokens; a critique too long for the rest loses the least important parts first (the automatic
/// findings, then the end of the longest fields), each named in <see cref="FittedPrompt.Trimmed"/> for the panel; an
/// idea is never cut (it is the ASN's own words): the ASN is told how long it may be. A remote model sizes its own context.
/// </summary>
public static class PromptBudget
{
    private const int MinFieldChars = 200;
    private static readonly string[] TrimOrder = ["design", "problem", "results", "benefits", "goals"];

    public static async Task<FittedPrompt> FitAsync(IChatClient chat, Kernel kernel, PromptTemplate prompt, AssistantTask task,
        ProposalSnapshot snapshot, Dictionary<string, string> values, IStringLocalizer<AssistantText> t)
    {
        var settings = prompt.Settings;
        var messages = await Render(kernel, prompt, values);
        if (chat.GetService<LlamaChatClient>() is not { } local) return new(messages, null, settings.MaxTokens, []);

        var context = local.ContextLength;
        var budget = context - Math.Min(settings.AnswerReserveTokens ?? 512, context / 2);
        var tokens = local.CountTokens(messages);
        var trimmed = new List<string>();
        if (tokens > budget && task == AssistantTask.DraftFromIdea)
            throw await IdeaTooLong(local, kernel, prompt, values, tokens, budget, t);
        if (tokens > budget && (await Count(local, kernel, prompt, new(values) { ["proposal"] = "-", ["findings"] = "-" })).Item2 + 300 > budget)
            throw new PromptTooLongException(t["Run.too_long.context"], tokens, budget);
        if (tokens > budget && values.GetValueOrDefault("findings") is { } f && f != "-")
        {
            values["findings"] = "-";
            trimmed.Add(t["Trim.Findings"]);
            (messages, tokens) = await Count(local, kernel, prompt, values);
        }
        var cut = snapshot;
        while (tokens > budget)
        {
            var field = TrimOrder.Where(x => cut.Text(x).Length > MinFieldChars).MaxBy(x => cut.Text(x).Length)
                ?? throw new PromptTooLongException(t["Run.too_long.proposal", tokens, budget], tokens, budget);
            var charsPerToken = messages.Sum(m => m.Text.Length) / (double)tokens;
            var text = cut.Text(field);
            var keep = Math.Max(MinFieldChars, text.Length - (int)((tokens - budget) * charsPerToken * 1.2) - 50);
            cut = cut.WithText(field, Cut(text, keep));
            values["proposal"] = ProposalText.ForPrompt(cut);
            (messages, tokens) = await Count(local, kernel, prompt, values);
        }
        foreach (var field in TrimOrder.Where(x => cut.Text(x) != snapshot.Text(x)))
            trimmed.Add(t["Trim.Field", CheckText.FieldName(field, t), cut.Text(field).Length - 2, snapshot.Text(field).Length]);
        return new(messages, tokens, Math.Min(settings.MaxTokens ?? int.MaxValue, context - tokens), trimmed);
    }

    /// <summary>How many characters of idea fit, from the tokens the idea itself takes.</summary>
    private static async Task<PromptTooLongException> IdeaTooLong(LlamaChatClient local, Kernel kernel, PromptTemplate prompt,
        Dictionary<string, string> values, int tokens, int budget, IStringLocalizer<AssistantText> t)
    {
        var idea = values["idea"];
        var (_, without) = await Count(local, kernel, prompt, new(values) { ["idea"] = "-" });
        var ideaTokens = Math.Max(1, tokens - without);
        var room = budget - without;
        var maxChars = (int)(idea.Length * (double)room / ideaTokens / 1.1) / 10 * 10;
        return maxChars >= 20
            ? new PromptTooLongException(t["Run.too_long.idea", idea.Length, maxChars], tokens, budget)
            : new PromptTooLongException(t["Run.too_long.context"], tokens, budget);
    }

    /// <summary>Cuts at a word boundary and marks the cut, so the model (and a reader of the run) sees the text goes on.</summary>
    private static string Cut(string text, int keep)
    {
        var at = text.LastIndexOf(' ', Math.Min(keep, text.Length - 1));
        return text[..(at > keep / 2 ? at : keep)].TrimEnd() + " …";
    }

    private static async Task<(IReadOnlyList<ChatMessage>, int)> Count(LlamaChatClient local, Kernel kernel, PromptTemplate prompt, Dictionary<string, string> values)
    {
        var messages = await Render(kernel, prompt, values);
        return (messages, local.CountTokens(messages));
    }

    private static async Task<IReadOnlyList<ChatMessage>> Render(Kernel kernel, PromptTemplate prompt, Dictionary<string, string> values) =>
        (await prompt.RenderAsync(kernel, values)).Select(m => new ChatMessage(new ChatRole(m.Role), m.Text)).ToList();
}
