using System.Globalization;

namespace Segmenta.Core.Clustering;

/// <summary>
/// Category-preference segments (docs/segments.md#category-preference): a customer's spend share per
/// category = spend in the category / total spend; the customer belongs to their dominant category's
/// segment when its share is at least the threshold, else to "mixed". Ties for the dominant category
/// go to the category name first in ordinal order.
/// </summary>
public static class CategoryPreference
{
    /// <summary>The segment of customers with no category at or above the threshold.</summary>
    public const string Mixed = "mixed";

    /// <summary>The default threshold: half of the customer's spend.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>Assigns every customer with positive spend to a preference segment.</summary>
    /// <param name="spends">(customer, category, spend) rows; several rows of one pair are added up.</param>
    /// <param name="threshold">Share of spend from which the dominant category names the segment, in (0, 1].</param>
    /// <returns>One row per customer, ordered by customer id (ordinal).</returns>
    /// <exception cref="SegmentaInputException">A threshold outside (0, 1], a negative or non-finite spend, or an empty customer or category.</exception>
    public static IReadOnlyList<CategoryPreferenceRow> Assign(IEnumerable<(string Customer, string Category, double Spend)> spends, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(spends);
        if (!(threshold > 0 && threshold <= 1))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"--threshold {threshold}: the share of spend must be above 0 and at most 1 (e.g. 0.5 = half of the spend)"));
        }
        var byCustomer = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal);
        var row = 0;
        foreach (var (customer, category, spend) in spends)
        {
            row++;
            if (string.IsNullOrEmpty(customer) || string.IsNullOrEmpty(category))
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"spend row {row}: empty customer or category"));
            }
            if (!double.IsFinite(spend) || spend < 0)
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                    $"spend row {row} ({customer}, {category}): spend must be a finite amount ≥ 0; got {spend}"));
            }
            if (!byCustomer.TryGetValue(customer, out var categories))
            {
                categories = new SortedDictionary<string, double>(StringComparer.Ordinal);
                byCustomer[customer] = categories;
            }
            categories[category] = categories.GetValueOrDefault(category) + spend;
        }
        var result = new List<CategoryPreferenceRow>(byCustomer.Count);
        foreach (var (customer, categories) in byCustomer)
        {
            var total = categories.Values.Sum();
            if (total <= 0)
            {
                continue;
            }
            // SortedDictionary iterates in name order, so a strict ">" keeps the first name on a tie.
            var top = categories.First();
            foreach (var c in categories)
            {
                if (c.Value > top.Value)
                {
                    top = c;
                }
            }
            var share = top.Value / total;
            result.Add(new CategoryPreferenceRow(customer, share >= threshold ? top.Key : Mixed, top.Key, share, total));
        }
        return result;
    }
}

/// <summary>One customer's category preference.</summary>
/// <param name="Customer">Customer id.</param>
/// <param name="Segment">The dominant category, or "mixed".</param>
/// <param name="DominantCategory">The category with the largest spend.</param>
/// <param name="Share">Its share of the customer's spend.</param>
/// <param name="Spend">The customer's total spend.</param>
public sealed record CategoryPreferenceRow(string Customer, string Segment, string DominantCategory, double Share, double Spend);
