using System.Runtime.InteropServices;
using System.Text;
using IdeaHub.LlamaCpp.Native;
using Microsoft.Extensions.AI;

namespace IdeaHub.LlamaCpp;

/// <summary>Turns chat messages into the prompt text the model was trained on.</summary>
internal static unsafe class ChatPromptFormatter
{
    /// <summary>
    /// Uses the GGUF's chat template through llama_chat_apply_template. Base models without a template (or with
    /// one llama.cpp does not recognise) get the plain fallback: message texts joined by blank lines, so a single
    /// user message is passed through verbatim and a base model simply continues it.
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
        var handles = new List<nint>();
        try
        {
            var native = new llama_chat_message[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                native[i].role = Utf8(messages[i].Role.Value, handles);
                native[i].content = Utf8(messages[i].Text, handles);
            }
            var tmpl = Utf8(template, handles);
            var size = Math.Max(256, messages.Sum(m => m.Text.Length) * 4 + 512);
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var buf = new byte[size];
                int n;
                fixed (llama_chat_message* pm = native)
                fixed (byte* pb = buf)
                    n = NativeMethods.llama_chat_apply_template((byte*)tmpl, pm, (nuint)native.Length, 1, pb, buf.Length);
                if (n < 0) return null;
                if (n <= buf.Length) return Encoding.UTF8.GetString(buf, 0, n);
                size = n;
            }
            return null;
        }
        finally
        {
            foreach (var h in handles) Marshal.FreeCoTaskMem(h);
        }
    }

    private static nint Utf8(string s, List<nint> owned)
    {
        var p = Marshal.StringToCoTaskMemUTF8(s);
        owned.Add(p);
        return p;
    }
}
