namespace IdeaHub.Web.Duplicates;

public enum SimilarPanelMode { Draft, Submit, Review }

/// <summary>
/// Model of the shared partial Pages/Duplicates/_SimilarPanel.cshtml. Draft: live list while typing (reads the page's
/// fields with the given element ids). Submit: the compare step (different / join). Review: the
/// "kemungkinan duplikat" panel with link and merge actions.
/// </summary>
public sealed record SimilarPanelModel(SimilarPanelMode Mode, Guid? ProposalId = null, string TitleField = "title",
    string TextFields = "problem design goals");
