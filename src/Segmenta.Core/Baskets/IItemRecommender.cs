namespace Segmenta.Core.Baskets;

/// <summary>Recommends items a customer has not bought yet.</summary>
public interface IItemRecommender
{
    /// <summary>Short name for reports, e.g. "item-cosine" or "popularity".</summary>
    string Name { get; }

    /// <summary>
    /// The top <paramref name="topN"/> items for a customer, best first, excluding items the
    /// customer already bought. An unknown customer is treated as one with no purchases.
    /// </summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="topN">How many items, at least 1.</param>
    /// <param name="category">Only items of this category (needs <see cref="RecommenderOptions.ItemCategories"/>); null for all.</param>
    /// <exception cref="SegmentaInputException">topN &lt; 1, or a category that is not in the map.</exception>
    IReadOnlyList<RecommendedItem> Recommend(string customerId, int topN, string? category = null);
}
