namespace Segmenta.Core.Baskets;

/// <summary>Why an item was recommended.</summary>
public enum RecommendationSource
{
    /// <summary>Scored by item-to-item similarity with the customer's items.</summary>
    Similarity = 0,

    /// <summary>Scored by popularity (share of training customers who bought it).</summary>
    Popularity = 1,
}
