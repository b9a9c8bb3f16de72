namespace IdeaHub.Web.Proposals;

/// <summary>Marker for the proposals feature's UI strings (Resources/Proposals/ProposalsText.resx).</summary>
public sealed class ProposalsText;
