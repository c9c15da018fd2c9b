namespace Segmenta.Core.Baskets;

/// <summary>
/// Item-based collaborative filtering: the score of a candidate item j for a customer who bought
/// items I is Σ_{i ∈ I} cos(i, j). Items already bought are excluded; ties go to the more popular
/// item, then the name. With <see cref="RecommenderOptions.PadWithPopular"/> the list is filled up
/// with popular items when fewer than N candidates have a positive score.
/// </summary>
public sealed class ItemSimilarityRecommender : IItemRecommender
{
    private readonly PurchaseHistory _train;
    private readonly RecommenderOptions _options;
    private readonly ItemSimilarity _similarity;
    private readonly int[] _popularity;

    /// <summary>Creates the recommender.</summary>
    /// <param name="train">Training purchases: what each customer bought (for exclusion and popularity).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="similarity">
    /// The item similarity to score with; null to use cosine over the training customer-item
    /// incidence. Pass <see cref="ItemSimilarity.FromBaskets"/> to use basket co-occurrence instead.
    /// </param>
    public ItemSimilarityRecommender(PurchaseHistory train, RecommenderOptions? options = null, ItemSimilarity? similarity = null)
    {
        _train = train ?? throw new SegmentaInputException("training purchases must not be null");
        _options = options ?? new RecommenderOptions();
        _options.Validate();
        _similarity = similarity ?? ItemSimilarity.FromPurchases(train);
        _popularity = Recommendations.PopularityOrder(train);
    }

    /// <inheritdoc />
    public string Name => "item-cosine";

    /// <summary>The similarity used for scoring (also answers "customers also bought").</summary>
    public ItemSimilarity Similarity => _similarity;

    /// <inheritdoc />
    public IReadOnlyList<RecommendedItem> Recommend(string customerId, int topN, string? category = null)
    {
        Recommendations.CheckTopN(topN);
        var inCategory = Recommendations.CategoryFilter(_options, category);
        var bought = _train.ItemsOf(customerId);
        var exclude = new HashSet<string>(bought, StringComparer.Ordinal);
        var items = _similarity.Items;
        var scores = new double[items.Count];
        foreach (var item in bought)
        {
            var id = _similarity.IdOf(item);
            if (id >= 0)
            {
                _similarity.Accumulate(id, scores);
            }
        }
        var candidates = new List<int>();
        for (var j = 0; j < scores.Length; j++)
        {
            if (scores[j] > 0 && !exclude.Contains(items[j]) && (inCategory is null || inCategory(items[j])))
            {
                candidates.Add(j);
            }
        }
        var list = candidates
            .OrderByDescending(j => scores[j])
            .ThenByDescending(j => _train.CustomerCount(items[j]))
            .ThenBy(j => items[j], StringComparer.Ordinal)
            .Take(topN)
            .Select(j => new RecommendedItem(items[j], scores[j], RecommendationSource.Similarity))
            .ToList();
        if (_options.PadWithPopular && list.Count < topN)
        {
            foreach (var r in list)
            {
                exclude.Add(r.Item);
            }
            Recommendations.Pad(list, _train, _popularity, exclude, inCategory, topN);
        }
        return list;
    }
}
