namespace Segmenta.Core.Baskets;

/// <summary>The frequent itemsets of a basket set.</summary>
/// <param name="Itemsets">Itemsets ordered by count (descending), then length, then item names.</param>
/// <param name="BasketCount">N, the number of baskets mined.</param>
/// <param name="MinimumCount">The count threshold used: ceil(MinSupport × N).</param>
/// <param name="Options">The settings used.</param>
public sealed record FrequentItemsetResult(
    IReadOnlyList<FrequentItemset> Itemsets,
    int BasketCount,
    int MinimumCount,
    FrequentItemsetOptions Options);
