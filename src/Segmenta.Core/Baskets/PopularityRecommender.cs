namespace Segmenta.Core.Baskets;

/// <summary>
/// Baseline: recommends the items bought by the most training customers (ties by name), skipping
/// items the customer already bought.
/// </summary>
public sealed class PopularityRecommender : IItemRecommender
{
    private readonly PurchaseHistory _train;
    private readonly RecommenderOptions _options;
    private readonly int[] _popularity;

    /// <summary>Creates the baseline from training purchases.</summary>
    /// <param name="train">Training purchases.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    public PopularityRecommender(PurchaseHistory train, RecommenderOptions? options = null)
    {
        _train = train ?? throw new SegmentaInputException("training purchases must not be null");
        _options = options ?? new RecommenderOptions();
        _options.Validate();
        _popularity = Recommendations.PopularityOrder(train);
    }

    /// <inheritdoc />
    public string Name => "popularity";

    /// <inheritdoc />
    public IReadOnlyList<RecommendedItem> Recommend(string customerId, int topN, string? category = null)
    {
        Recommendations.CheckTopN(topN);
        var inCategory = Recommendations.CategoryFilter(_options, category);
        var exclude = new HashSet<string>(_train.ItemsOf(customerId), StringComparer.Ordinal);
        var list = new List<RecommendedItem>(topN);
        Recommendations.Pad(list, _train, _popularity, exclude, inCategory, topN);
        return list;
    }
}
