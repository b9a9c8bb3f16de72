namespace IdeaHub.Web.Organisation;

/// <summary>Marker for the organisation feature's strings in Resources/Organisation/OrganisationText(.en).resx.</summary>
public sealed class OrganisationText;
