using System.Globalization;

namespace Segmenta.Core.Baskets;

/// <summary>Shared checks and popularity ranking for the recommenders.</summary>
internal static class Recommendations
{
    public static void CheckTopN(int topN)
    {
        if (topN < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the number of items to recommend must be at least 1; got {topN}"));
        }
    }

    /// <summary>A predicate on item names for the category, or null when no category is asked for.</summary>
    public static Func<string, bool>? CategoryFilter(RecommenderOptions options, string? category)
    {
        if (category is null)
        {
            return null;
        }
        var map = options.ItemCategories
            ?? throw new SegmentaInputException($"cannot restrict recommendations to category '{category}': no item-category map was given");
        if (!map.Values.Contains(category, StringComparer.Ordinal))
        {
            throw new SegmentaInputException($"category '{category}' does not occur in the item-category map");
        }
        return item => map.TryGetValue(item, out var c) && string.Equals(c, category, StringComparison.Ordinal);
    }

    /// <summary>Item ids of the history ordered by customer count (descending), then name.</summary>
    public static int[] PopularityOrder(PurchaseHistory history)
    {
        var counts = history.Incidence.ItemCounts;
        var items = history.Items;
        return Enumerable.Range(0, counts.Length)
            .OrderByDescending(i => counts[i])
            .ThenBy(i => items[i], StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Appends popular items (not bought, not already listed, in category) until the list has topN items.</summary>
    public static void Pad(
        List<RecommendedItem> list, PurchaseHistory history, int[] popularity, HashSet<string> exclude,
        Func<string, bool>? inCategory, int topN)
    {
        var counts = history.Incidence.ItemCounts;
        double customers = history.Customers.Count;
        foreach (var id in popularity)
        {
            if (list.Count >= topN)
            {
                return;
            }
            var item = history.Items[id];
            if (exclude.Contains(item) || (inCategory is not null && !inCategory(item)))
            {
                continue;
            }
            exclude.Add(item);
            list.Add(new RecommendedItem(item, counts[id] / customers, RecommendationSource.Popularity));
        }
    }
}
