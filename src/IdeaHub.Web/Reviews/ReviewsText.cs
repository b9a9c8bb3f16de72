namespace IdeaHub.Web.Reviews;

/// <summary>Marker for the review, comment, vote and notification texts in Resources/Reviews/ReviewsText(.en).resx.</summary>
public sealed class ReviewsText;
