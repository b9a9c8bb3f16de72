using System.Globalization;
using System.Text.RegularExpressions;

namespace IdeaHub.Web.Proposals;

public enum DiffOp { Same, Added, Removed }

public sealed record DiffSegment(DiffOp Op, string Text);

public sealed record FieldDiff(string Field, IReadOnlyList<DiffSegment> Segments);

public sealed record ValueChange(string Property, string? From, string? To);

/// <summary>An indicator that was added, removed or changed (matched by name).</summary>
public sealed record IndicatorDiff(string Change, string Name, IReadOnlyList<ValueChange> Changes);

public sealed record RevisionDiff(int From, int To, IReadOnlyList<FieldDiff> Fields, IReadOnlyList<ValueChange> Properties, IReadOnlyList<IndicatorDiff> Indicators);

/// <summary>Readable differences between two snapshots: words for texts, values for the rest, per indicator.</summary>
public static partial class ProposalDiff
{
    // Beyond this many word pairs the middle part is shown as replaced as a whole, keeping the diff cheap.
    private const long MaxCells = 4_000_000;

    public static RevisionDiff Compare(int fromNumber, ProposalSnapshot a, int toNumber, ProposalSnapshot b)
    {
        var fields = ProposalSnapshot.TextFields
            .Where(f => a.Text(f) != b.Text(f))
            .Select(f => new FieldDiff(f, Words(a.Text(f), b.Text(f))))
            .ToList();
        var props = new List<ValueChange>();
        Add(props, "stage", a.Stage, b.Stage);
        Add(props, "initiator", a.Initiator, b.Initiator);
        Add(props, "kind", a.Kind, b.Kind);
        Add(props, "form", a.Form, b.Form);
        Add(props, "urusan", a.Urusan, b.Urusan);
        Add(props, "trialDate", a.TrialDate, b.TrialDate);
        Add(props, "implementationDate", a.ImplementationDate, b.ImplementationDate);
        return new RevisionDiff(fromNumber, toNumber, fields, props, Indicators(a.Indicators, b.Indicators));
    }

    public static IReadOnlyList<DiffSegment> Words(string a, string b)
    {
        var x = Tokens(a);
        var y = Tokens(b);
        int start = 0;
        while (start < x.Length && start < y.Length && x[start] == y[start]) start++;
        int endX = x.Length, endY = y.Length;
        while (endX > start && endY > start && x[endX - 1] == y[endY - 1]) { endX--; endY--; }
        var result = new List<DiffSegment>();
        Emit(result, DiffOp.Same, x[..start]);
        var midX = x[start..endX];
        var midY = y[start..endY];
        if ((long)midX.Length * midY.Length > MaxCells)
        {
            Emit(result, DiffOp.Removed, midX);
            Emit(result, DiffOp.Added, midY);
        }
        else
        {
            Lcs(midX, midY, result);
        }
        Emit(result, DiffOp.Same, x[endX..]);
        return result;
    }

    private static void Lcs(string[] x, string[] y, List<DiffSegment> result)
    {
        var len = new int[x.Length + 1, y.Length + 1];
        for (var i = x.Length - 1; i >= 0; i--)
            for (var j = y.Length - 1; j >= 0; j--)
                len[i, j] = x[i] == y[j] ? len[i + 1, j + 1] + 1 : Math.Max(len[i + 1, j], len[i, j + 1]);
        int p = 0, q = 0;
        while (p < x.Length || q < y.Length)
        {
            if (p < x.Length && q < y.Length && x[p] == y[q]) { Emit(result, DiffOp.Same, [x[p]]); p++; q++; }
            else if (q < y.Length && (p == x.Length || len[p, q + 1] >= len[p + 1, q])) { Emit(result, DiffOp.Added, [y[q]]); q++; }
            else { Emit(result, DiffOp.Removed, [x[p]]); p++; }
        }
    }

    /// <summary>Appends tokens, merging with the previous segment of the same kind so the output stays readable.</summary>
    private static void Emit(List<DiffSegment> result, DiffOp op, string[] tokens)
    {
        if (tokens.Length == 0) return;
        var text = string.Concat(tokens);
        if (result.Count > 0 && result[^1].Op == op) result[^1] = result[^1] with { Text = result[^1].Text + text };
        else result.Add(new DiffSegment(op, text));
    }

    // A token is a word with its following whitespace, so concatenating tokens restores the text exactly.
    private static string[] Tokens(string s) => WordPattern().Matches(s).Select(m => m.Value).ToArray();

    private static List<IndicatorDiff> Indicators(IReadOnlyList<IndicatorData> a, IReadOnlyList<IndicatorData> b)
    {
        var result = new List<IndicatorDiff>();
        var unmatched = b.ToList();
        var leftovers = new List<IndicatorData>();
        foreach (var old in a)
        {
            var match = unmatched.FirstOrDefault(n => string.Equals(n.Name.Trim(), old.Name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null) { leftovers.Add(old); continue; }
            unmatched.Remove(match);
            AddChanged(result, old, match);
        }
        // A renamed indicator shows as removed plus added: guessing pairs would show unrelated indicators as "changed".
        result.AddRange(leftovers.Select(o => new IndicatorDiff("removed", o.Name, [])));
        result.AddRange(unmatched.Select(n => new IndicatorDiff("added", n.Name, Describe(n))));
        return result;
    }

    private static void AddChanged(List<IndicatorDiff> result, IndicatorData o, IndicatorData n)
    {
        var changes = new List<ValueChange>();
        Add(changes, "name", o.Name, n.Name);
        Add(changes, "unit", o.Unit, n.Unit);
        Add(changes, "baseline", o.Baseline, n.Baseline);
        Add(changes, "target", o.Target, n.Target);
        Add(changes, "targetDate", o.TargetDate, n.TargetDate);
        Add(changes, "direction", o.Direction, n.Direction);
        if (changes.Count > 0) result.Add(new IndicatorDiff("changed", n.Name, changes));
    }

    private static List<ValueChange> Describe(IndicatorData n) =>
    [
        new("unit", null, n.Unit), new("baseline", null, Format(n.Baseline)), new("target", null, Format(n.Target)),
        new("targetDate", null, Format(n.TargetDate)),
    ];

    private static void Add<T>(List<ValueChange> list, string name, T a, T b)
    {
        if (!EqualityComparer<T>.Default.Equals(a, b)) list.Add(new ValueChange(name, Format(a), Format(b)));
    }

    private static string? Format<T>(T value) => value switch
    {
        null => null,
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    [GeneratedRegex(@"\S+\s*|\s+")]
    private static partial Regex WordPattern();
}
