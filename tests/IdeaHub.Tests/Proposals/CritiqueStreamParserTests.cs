using IdeaHub.Web.Assistant;

namespace IdeaHub.Tests.Proposals;

/// <summary>The incremental critique parser: same parts whatever the chunking, nothing from broken input, schema enforced per part.</summary>
public sealed class CritiqueStreamParserTests
{
    private static readonly System.Text.Json.JsonElement Schema = new PromptLibrary().Get("critique_proposal").OutputSchema;

    /// <summary>Answers shaped like real ones: escapes, braces and brackets inside strings, unicode, spacing, newlines.</summary>
    public static TheoryData<string> Answers => new()
    {
        ScriptedChatClient.Critique(),
        """
        {
          "summary": "Usulan \"Si Cepat\" {perlu} angka [baseline] dan target. Waktu \u2013 14 hari.",
          "suggestions": [
            { "field": "problem", "suggestion": "Pada 2024 rata-rata izin selesai dalam 14 hari kerja;\n1.240 pemohon/tahun mengeluh.\\n", "reason": "Angka awal {jelas}." },
            { "field": "title", "suggestion": "Izin Usaha Mikro Sehari Jadi", "reason": "Singkat [dan] jelas." }
          ],
          "indicators": [
            { "name": "Waktu terbit izin", "unit": "hari kerja", "baseline": 14, "target": 3, "targetDate": "2027-12-31", "reason": "Ukuran utama." },
            { "name": "Kepuasan pemohon", "unit": "persen", "baseline": 61.5, "target": 85, "targetDate": "2027-12-31", "reason": "Dampak}]" }
          ]
        }
        """,
        """{"suggestions":[{"field":"goals","suggestion":"Turun dari 90 ke 20 menit.","reason":"Terukur."}],"summary":"Ringkas.","indicators":[]}""",
    };

    private static List<string> Describe(IEnumerable<CritiquePart> parts) => parts.Select(p => p switch
    {
        SummaryPart s => "summary:" + s.Summary,
        FieldPart f => $"field:{f.Suggestion.Field}:{f.Suggestion.Suggestion}:{f.Suggestion.Reason}",
        IndicatorPart i => $"indicator:{i.Indicator.Indicator}:{i.Indicator.Reason}",
        RejectedPart r => $"rejected:{r.Path}",
        _ => "?",
    }).ToList();

    private static List<string> Whole(string text) => Describe(new CritiqueStreamParser(Schema).Push(text));

    [Theory]
    [MemberData(nameof(Answers))]
    public void Every_split_point_gives_the_same_parts_as_the_whole_answer(string answer)
    {
        var expected = Whole(answer);
        Assert.DoesNotContain(expected, x => x.StartsWith("rejected", StringComparison.Ordinal));
        var whole = new CritiqueStreamParser(Schema);
        whole.Push(answer);
        var final = whole.Finish();
        Assert.True(final.Ok, string.Join("; ", final.Errors));
        Assert.Equal(final.Value!.Suggestions.Count + final.Value.Indicators.Count + 1, expected.Count);

        for (var split = 0; split <= answer.Length; split++)
        {
            var parser = new CritiqueStreamParser(Schema);
            var parts = Describe(parser.Push(answer[..split]).Concat(parser.Push(answer[split..])));
            Assert.Equal(expected, parts);
            Assert.Equal(answer, parser.Text);
        }
        var byChar = new CritiqueStreamParser(Schema);
        Assert.Equal(expected, Describe(answer.SelectMany(c => byChar.Push(c.ToString()))));
    }

    [Fact]
    public void The_summary_arrives_before_any_suggestion_and_each_suggestion_when_its_object_closes()
    {
        var answer = ScriptedChatClient.Critique();
        var parser = new CritiqueStreamParser(Schema);
        var firstClose = answer.IndexOf('}');
        Assert.Equal(["summary:Usulan perlu angka yang lebih tegas."], Describe(parser.Push(answer[..firstClose])));
        Assert.Equal("field:goals", string.Join(':', Describe(parser.Push("}")).Single().Split(':').Take(2)));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void A_truncated_answer_yields_only_complete_parts_and_fails_as_a_whole(string answer)
    {
        var expected = Whole(answer);
        var end = answer.TrimEnd().Length - 1; // the final closing brace
        for (var cut = 0; cut < end; cut++)
        {
            var parser = new CritiqueStreamParser(Schema);
            var parts = Describe(parser.Push(answer[..cut]));
            Assert.Equal(expected.Take(parts.Count), parts);
            Assert.False(parser.Finish().Ok);
        }
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("}}]]{\"summary\":")]
    [InlineData("{\"summary\":\"a\\")]
    [InlineData("{\"suggestions\":[{\"field\":\"goals\",\"suggestion\":\"x\" \"reason\":\"y\"}]}")]
    [InlineData("[{\"field\":\"goals\",\"suggestion\":\"x\",\"reason\":\"y\"}]")]
    public void Malformed_answers_never_throw_and_yield_no_suggestion(string answer)
    {
        var parser = new CritiqueStreamParser(Schema);
        var parts = Describe(answer.SelectMany(c => parser.Push(c.ToString())));
        Assert.DoesNotContain(parts, p => p.StartsWith("field", StringComparison.Ordinal) || p.StartsWith("indicator", StringComparison.Ordinal));
        Assert.False(parser.Finish().Ok);
    }

    [Fact]
    public void Parts_that_break_the_schema_are_rejected_and_the_rest_still_stream()
    {
        var tooLong = new string('a', 1501);
        var answer = $$"""
            {"summary":"{{new string('s', 401)}}","suggestions":[
              {"field":"status","suggestion":"Disetujui","reason":"diminta"},
              {"field":"goals","suggestion":"Terukur.","reason":"ok","extra":1},
              {"field":"design","suggestion":"{{tooLong}}","reason":"panjang"},
              {"field":"goals","suggestion":"Turun ke 20 menit.","reason":"ok"},
              {"field":"benefits","suggestion":"Hemat 65 menit.","reason":"ok"},
              {"field":"results","suggestion":"Layanan daring.","reason":"ok"}],
             "indicators":[{"name":"Waktu","unit":"menit","baseline":"90","target":20,"targetDate":"2030-01-01","reason":"-"}]}
            """;
        Assert.Equal(
            ["rejected:$.summary", "rejected:$.suggestions[0]", "rejected:$.suggestions[1]", "rejected:$.suggestions[2]",
             "field:goals:Turun ke 20 menit.:ok", "rejected:$.suggestions[4]", "rejected:$.suggestions[5]", "rejected:$.indicators[0]"],
            Whole(answer));
    }
}
