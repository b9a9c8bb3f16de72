using System.Text.Json;
using IdeaHub.LlamaCpp.Configuration;
using IdeaHub.Web.Assistant;
using Microsoft.Extensions.AI;
using Npgsql;

namespace IdeaHub.Web.Duplicates;

/// <summary>A proposal's text as the judge reads it, with the content hash its verdict is cached under.</summary>
internal sealed record JudgedText(Guid Id, string ContentHash, string Title, string Text);

/// <param name="Same">The model's answer: same mechanism for the same problem.</param>
/// <param name="Reason">One sentence in Indonesian.</param>
public sealed record DuplicateVerdict(Guid ProposalId, Guid OtherId, bool Same, string Reason, string Model, bool Cached);

/// <summary>
/// The model judge: asks the configured local chat model (<see cref="AiModels.Chat"/>, any <see cref="IChatClient"/>)
/// whether two proposals are the same mechanism for the same problem, constrained to prompts/duplicate_judge.yaml's
/// JSON schema, and caches the answer per unordered pair, both contents, model and prompt version. Off (not
/// <see cref="IsEnabled"/>) when no chat model is configured: the similar list never waits for it either way, the page
/// asks for verdicts after showing the lexical list.
/// </summary>
public sealed class DuplicateJudge(AiModels models, PromptLibrary prompts, DuplicatesData data)
{
    public const string PromptName = "duplicate_judge";

    public bool IsEnabled => models.Chat is not null;

    private string Model => models.ChatStatus.Description;
    private Microsoft.SemanticKernel.Kernel? _kernel; // renders prompts/duplicate_judge.yaml; its chat service is the judge's model

    /// <summary>The verdict on two stored proposals (the caller has checked that the asker may read both).</summary>
    public async Task<DuplicateVerdict> JudgeAsync(Guid proposalId, Guid otherId, CancellationToken ct = default)
    {
        var texts = await TextsAsync([proposalId, otherId], ct);
        return await JudgeAsync(texts[proposalId], texts[otherId], ct);
    }

    private async Task<Dictionary<Guid, JudgedText>> TextsAsync(Guid[] ids, CancellationToken ct)
    {
        await using var cmd = data.Source.CreateCommand("SELECT id, content_hash, title, problem, design, goals FROM proposal WHERE id = ANY(@ids)");
        cmd.Parameters.AddWithValue("ids", ids);
        var map = new Dictionary<Guid, JudgedText>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            map[r.GetGuid(0)] = new JudgedText(r.GetGuid(0), r.GetString(1), r.GetString(2), $"{r.GetString(3)}\n{r.GetString(4)}\n{r.GetString(5)}".Trim());
        return map;
    }

    private async Task<DuplicateVerdict> JudgeAsync(JudgedText a, JudgedText b, CancellationToken ct)
    {
        var chat = models.RequireChat();
        var prompt = prompts.Get(PromptName);
        var (low, high) = a.Id.CompareTo(b.Id) < 0 ? (a, b) : (b, a);
        if (await CachedAsync(low, high, prompt.Version, ct) is { } hit) return new DuplicateVerdict(a.Id, b.Id, hit.Same, hit.Reason, Model, true);

        _kernel ??= PromptKernel.For(chat);
        var messages = (await prompt.RenderAsync(_kernel, new Dictionary<string, string>
        {
            ["proposal_a"] = $"{a.Title}\n{a.Text}",
            ["proposal_b"] = $"{b.Title}\n{b.Text}",
        })).Select(m => new ChatMessage(new ChatRole(m.Role), m.Text)).ToList();
        var settings = prompt.Settings;
        var response = await chat.GetResponseAsync(messages, new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(prompt.OutputSchema, prompt.Name, prompt.Description),
            Temperature = (float?)settings.Temperature, TopP = (float?)settings.TopP, MaxOutputTokens = settings.MaxTokens,
        }, ct);
        var (same, reason) = Parse(response.Text);
        await StoreAsync(low, high, prompt.Version, same, reason, ct);
        return new DuplicateVerdict(a.Id, b.Id, same, reason, Model, false);
    }

    /// <summary>Reads the schema-constrained answer; anything else is an error, never a guessed verdict.</summary>
    private static (bool Same, string Reason) Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var verdict = doc.RootElement.GetProperty("verdict").GetString();
        var reason = doc.RootElement.GetProperty("reason").GetString()?.Trim() ?? "";
        return verdict switch
        {
            "sama" => (true, reason),
            "berbeda" => (false, reason),
            _ => throw new JsonException($"Unexpected verdict '{verdict}'."),
        };
    }

    private async Task<(bool Same, string Reason)?> CachedAsync(JudgedText low, JudgedText high, string version, CancellationToken ct)
    {
        await using var cmd = data.Source.CreateCommand("""
            SELECT same, reason FROM duplicate_verdict WHERE low_id = @l AND high_id = @h AND low_hash = @lh AND high_hash = @hh
              AND model = @m AND prompt_version = @v
            """);
        Bind(cmd, low, high, version);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetBoolean(0), r.GetString(1)) : null;
    }

    private async Task StoreAsync(JudgedText low, JudgedText high, string version, bool same, string reason, CancellationToken ct)
    {
        await using var cmd = data.Source.CreateCommand("""
            INSERT INTO duplicate_verdict (low_id, high_id, low_hash, high_hash, model, prompt_version, same, reason)
            VALUES (@l, @h, @lh, @hh, @m, @v, @s, @r) ON CONFLICT DO NOTHING
            """);
        Bind(cmd, low, high, version);
        cmd.Parameters.AddWithValue("s", same);
        cmd.Parameters.AddWithValue("r", reason);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private void Bind(NpgsqlCommand cmd, JudgedText low, JudgedText high, string version)
    {
        cmd.Parameters.AddWithValue("l", low.Id);
        cmd.Parameters.AddWithValue("h", high.Id);
        cmd.Parameters.AddWithValue("lh", low.ContentHash);
        cmd.Parameters.AddWithValue("hh", high.ContentHash);
        cmd.Parameters.AddWithValue("m", Model);
        cmd.Parameters.AddWithValue("v", version);
    }
}
