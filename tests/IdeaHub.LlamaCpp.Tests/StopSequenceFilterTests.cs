namespace IdeaHub.LlamaCpp.Tests;

public sealed class StopSequenceFilterTests
{
    [Fact]
    public void Stop_split_across_pieces_is_never_emitted()
    {
        var f = new StopSequenceFilter(["END"]);
        Assert.Equal("abc", f.Push("abcE"));
        Assert.Equal("", f.Push("N"));
        Assert.Equal("", f.Push("Dzzz"));
        Assert.True(f.Stopped);
    }

    [Fact]
    public void Held_back_text_is_released_when_it_turns_out_not_to_be_a_stop()
    {
        var f = new StopSequenceFilter(["END"]);
        Assert.Equal("x", f.Push("xEN"));
        Assert.Equal("ENx", f.Push("x"));
        Assert.Equal("E", f.Push("E") + f.Flush());
        Assert.False(f.Stopped);
    }
}
