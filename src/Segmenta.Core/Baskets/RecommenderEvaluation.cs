using System.Globalization;

namespace Segmenta.Core.Baskets;

/// <summary>
/// Offline evaluation over a time split: recommenders are built on the training purchases, and
/// each customer's test purchases (after the split) are the items to hit.
/// </summary>
public static class RecommenderEvaluation
{
    /// <summary>
    /// Hit rate@k, precision@k, recall@k and catalogue coverage. A customer is evaluated when they
    /// have training purchases and at least one test item they had not bought in training (items
    /// already bought are never recommended, so they cannot be hit). Test items unknown in training
    /// count as relevant (and can only be missed).
    /// </summary>
    /// <param name="recommender">A recommender built on <paramref name="train"/>.</param>
    /// <param name="train">Training purchases.</param>
    /// <param name="test">Test purchases (later in time).</param>
    /// <param name="k">List length, at least 1.</param>
    /// <exception cref="SegmentaInputException">k &lt; 1 or no customer can be evaluated.</exception>
    public static RecommenderEvaluationResult Evaluate(IItemRecommender recommender, PurchaseHistory train, IEnumerable<Purchase> test, int k)
    {
        if (recommender is null || train is null || test is null)
        {
            throw new SegmentaInputException("recommender, training and test purchases must not be null");
        }
        Recommendations.CheckTopN(k);
        var relevantByCustomer = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var purchase in test)
        {
            if (!train.ContainsCustomer(purchase.CustomerId))
            {
                continue;
            }
            if (!relevantByCustomer.TryGetValue(purchase.CustomerId, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                relevantByCustomer.Add(purchase.CustomerId, set);
                order.Add(purchase.CustomerId);
            }
            set.Add(purchase.Item);
        }
        var evaluated = 0;
        var withHit = 0;
        double precisionSum = 0, recallSum = 0;
        var recommended = new HashSet<string>(StringComparer.Ordinal);
        foreach (var customer in order)
        {
            var relevant = relevantByCustomer[customer];
            relevant.ExceptWith(train.ItemsOf(customer));
            if (relevant.Count == 0)
            {
                continue;
            }
            evaluated++;
            var hits = 0;
            foreach (var item in recommender.Recommend(customer, k))
            {
                recommended.Add(item.Item);
                if (relevant.Contains(item.Item))
                {
                    hits++;
                }
            }
            if (hits > 0)
            {
                withHit++;
            }
            precisionSum += (double)hits / k;
            recallSum += (double)hits / relevant.Count;
        }
        if (evaluated == 0)
        {
            throw new SegmentaInputException(
                "no customer can be evaluated: none has both training purchases and a test item not bought in training");
        }
        var catalogue = train.Items.Count;
        return new RecommenderEvaluationResult(
            recommender.Name, k, evaluated, withHit, (double)withHit / evaluated, precisionSum / evaluated,
            recallSum / evaluated, recommended.Count, catalogue, (double)recommended.Count / catalogue);
    }

    /// <summary>Evaluates <see cref="ItemSimilarityRecommender"/> and <see cref="PopularityRecommender"/> on the same split.</summary>
    /// <param name="train">Training purchases.</param>
    /// <param name="test">Test purchases.</param>
    /// <param name="k">List length, at least 1.</param>
    /// <param name="options">Recommender settings; null for the defaults.</param>
    public static RecommenderComparison CompareWithPopularity(PurchaseHistory train, IEnumerable<Purchase> test, int k, RecommenderOptions? options = null)
    {
        if (test is null)
        {
            throw new SegmentaInputException("test purchases must not be null");
        }
        var testList = test.ToList();
        var model = Evaluate(new ItemSimilarityRecommender(train, options), train, testList, k);
        var popularity = Evaluate(new PopularityRecommender(train, options), train, testList, k);
        return new RecommenderComparison(model, popularity);
    }

    /// <summary>
    /// Splits dated purchases at <paramref name="cutoff"/>: strictly before goes to training, at or
    /// after to test.
    /// </summary>
    /// <param name="purchases">Dated purchases.</param>
    /// <param name="cutoff">First instant of the test period.</param>
    /// <exception cref="SegmentaInputException">Either side is empty.</exception>
    public static TimeSplit SplitByTime(IEnumerable<DatedPurchase> purchases, DateTime cutoff)
    {
        if (purchases is null)
        {
            throw new SegmentaInputException("purchases must not be null");
        }
        var train = new List<Purchase>();
        var test = new List<Purchase>();
        foreach (var p in purchases)
        {
            (p.Time < cutoff ? train : test).Add(new Purchase(p.CustomerId, p.Item));
        }
        if (train.Count == 0 || test.Count == 0)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the split at {cutoff:yyyy-MM-dd HH:mm:ss} leaves {train.Count} training and {test.Count} test purchases; both must be non-empty"));
        }
        return new TimeSplit(PurchaseHistory.Create(train), test);
    }
}
