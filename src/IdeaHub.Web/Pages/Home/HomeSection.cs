namespace IdeaHub.Web.Pages.Home;

public enum HomeKind { Returned, Drafts, Feedback, Endorse, Vote, Queue }

/// <summary>One list of the home page: which one (its test id and how lines read), heading, empty text, items.</summary>
public sealed record HomeSection(HomeKind Kind, string Heading, string Empty, IReadOnlyList<HomeItem> Items)
{
    public string TestId => "home-" + Kind.ToString().ToLowerInvariant();
}
