namespace Segmenta.Core.Baskets;

/// <summary>One recommended item.</summary>
/// <param name="Item">Item name.</param>
/// <param name="Score">
/// For <see cref="RecommendationSource.Similarity"/>: the sum of cosine similarities to the items the
/// customer bought. For <see cref="RecommendationSource.Popularity"/>: the share of training
/// customers who bought the item.
/// </param>
/// <param name="Source">How the score was computed.</param>
public sealed record RecommendedItem(string Item, double Score, RecommendationSource Source);
