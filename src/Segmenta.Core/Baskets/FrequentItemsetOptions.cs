using System.Globalization;

namespace Segmenta.Core.Baskets;

/// <summary>Settings for frequent-itemset mining (defaults as in R arules' <c>apriori</c>).</summary>
public sealed record FrequentItemsetOptions
{
    /// <summary>
    /// Minimum support as a fraction of baskets, in (0, 1]. Default 0.1. An itemset is frequent
    /// when its basket count is at least ceil(MinSupport × N) (see <see cref="MinimumCount"/>).
    /// </summary>
    public double MinSupport { get; init; } = 0.1;

    /// <summary>Maximum number of items in an itemset, at least 1. Default 10.</summary>
    public int MaxLength { get; init; } = 10;

    /// <summary>
    /// The minimum basket count for <paramref name="basketCount"/> baskets:
    /// ceil(MinSupport × N), where a product within 1e-9 (relative) above an integer is taken as
    /// that integer so that e.g. 0.1 × 30 = 3.0000000000000004 gives 3, not 4. Never below 1.
    /// </summary>
    /// <param name="basketCount">N, the number of baskets.</param>
    public int MinimumCount(int basketCount)
    {
        var product = MinSupport * basketCount;
        var count = Math.Ceiling(product - (1e-9 * Math.Max(1.0, product)));
        return (int)Math.Max(1.0, count);
    }

    internal void Validate()
    {
        Check(MinSupport, MaxLength);
    }

    internal static void Check(double minSupport, int maxLength)
    {
        if (double.IsNaN(minSupport) || minSupport <= 0 || minSupport > 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"minimum support must be a fraction in (0, 1], e.g. 0.01 for 1% of baskets; got {minSupport}"));
        }
        if (maxLength < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"maximum itemset length must be at least 1; got {maxLength}"));
        }
    }
}
