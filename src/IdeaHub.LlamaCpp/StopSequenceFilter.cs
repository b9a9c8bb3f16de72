using System.Text;

namespace IdeaHub.LlamaCpp;

/// <summary>
/// Cuts streamed text at the first stop sequence. Text that could still become a stop sequence is held back,
/// so a stop string split across tokens is never partially emitted.
/// </summary>
internal sealed class StopSequenceFilter(IReadOnlyList<string> stops)
{
    private readonly StringBuilder _pending = new();

    public bool Stopped { get; private set; }

    public string Push(string text)
    {
        if (stops.Count == 0) return text;
        _pending.Append(text);
        var s = _pending.ToString();
        var cut = -1;
        foreach (var stop in stops)
        {
            var i = s.IndexOf(stop, StringComparison.Ordinal);
            if (i >= 0 && (cut < 0 || i < cut)) cut = i;
        }
        if (cut >= 0)
        {
            Stopped = true;
            _pending.Clear();
            return s[..cut];
        }
        var hold = 0;
        foreach (var stop in stops)
            for (var k = Math.Min(stop.Length - 1, s.Length); k > hold; k--)
                if (s.AsSpan(s.Length - k).SequenceEqual(stop.AsSpan(0, k))) { hold = k; break; }
        _pending.Clear().Append(s, s.Length - hold, hold);
        return s[..^hold];
    }

    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }
}
