using System.Text;
using LLama;
using LLama.Exceptions;
using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp;

/// <summary>Turns chat messages into the prompt text the model was trained on.</summary>
internal static class ChatPromptFormatter
{
    /// <summary>
    /// Uses the GGUF's chat template through LLamaSharp's <see cref="LLamaTemplate"/> (llama_chat_apply_template).
    /// Base models without a template (or with one llama.cpp does not recognise) get the plain fallback: message texts
    /// joined by blank lines, so a single user message is passed through verbatim and a base model simply continues it.
    /// </summary>
    public static (string Prompt, bool Templated) Format(LlamaModel model, IEnumerable<ChatMessage> messages)
    {
        var list = messages.Where(m => !string.IsNullOrEmpty(m.Text)).ToList();
        if (model.ChatTemplate is { } template && TryApply(template, list) is { } formatted)
            return (formatted, true);
        return (string.Join("\n\n", list.Select(m => m.Text)), false);
    }

    private static string? TryApply(string template, List<ChatMessage> messages)
    {
        var t = new LLamaTemplate(template) { AddAssistant = true };
        foreach (var m in messages) t.Add(m.Role.Value, m.Text);
        try
        {
            return Encoding.UTF8.GetString(t.Apply());
        }
        catch (MissingTemplateException)
        {
            return null;
        }
    }
}
