using System.Globalization;
using IdeaHub.Web.Outcomes;
using IdeaHub.Web.Proposals;

namespace IdeaHub.Web.Catalogue;

/// <summary>A catalogue search: words (Indonesian full text), filters, and a keyset cursor ("after") with a page size.</summary>
public sealed record CatalogueQuery(
    string? Q, Guid? Opd, string? Urusan, InnovationStage? Stage, ProposalStatus? Status, int? Year, OutcomeState? Outcome,
    CatalogueCursor? After, int Limit, bool OtherPemkabs = true)
{
    public const int MaxLimit = 100, MaxQueryLength = 200;
}

/// <summary>Position after the last row of a page: results run newest first by (created_at, id).</summary>
public readonly record struct CatalogueCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public override string ToString() => $"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{Id:N}";

    public static bool TryParse(string? text, out CatalogueCursor cursor)
    {
        cursor = default;
        var parts = text?.Split('_');
        if (parts is not [var ticks, var id] || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            || t < DateTimeOffset.MinValue.UtcTicks || t > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(id, "N", out var g))
            return false;
        cursor = new CatalogueCursor(new DateTimeOffset(t, TimeSpan.Zero), g);
        return true;
    }
}

public sealed record CatalogueItem(
    Guid Id, string Title, string Pemkab, string Opd, string Urusan, InnovationStage Stage, ProposalStatus Status, int Year,
    OutcomeState? Outcome, bool PriorArt, string Excerpt);

public sealed record CataloguePage(IReadOnlyList<CatalogueItem> Items, string? Next);
