namespace Segmenta.Core.Baskets;

/// <summary>A frequent itemset.</summary>
/// <param name="Items">Item names, sorted ordinally.</param>
/// <param name="Count">Number of baskets that contain all the items.</param>
/// <param name="Support">Count / N.</param>
public sealed record FrequentItemset(IReadOnlyList<string> Items, int Count, double Support);
