namespace Segmenta.Core.Baskets;

/// <summary>Settings for the recommenders.</summary>
public sealed record RecommenderOptions
{
    /// <summary>
    /// Optional item → category map, needed only to restrict recommendations to one category.
    /// Items missing from the map are never recommended when a category is asked for. Default null.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ItemCategories { get; init; }

    /// <summary>
    /// When the similarity recommender finds fewer than N items with a positive score (e.g. a new
    /// customer), fill the list with the most popular items not yet bought. Default true.
    /// </summary>
    public bool PadWithPopular { get; init; } = true;

    internal void Validate()
    {
        if (ItemCategories is null)
        {
            return;
        }
        foreach (var (item, category) in ItemCategories)
        {
            if (string.IsNullOrEmpty(category))
            {
                throw new SegmentaInputException($"item '{item}' has an empty category in the item-category map");
            }
        }
    }
}
