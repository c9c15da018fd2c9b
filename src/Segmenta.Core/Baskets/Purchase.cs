namespace Segmenta.Core.Baskets;

/// <summary>One purchase event: a customer bought an item (quantity and date are not needed here).</summary>
/// <param name="CustomerId">Customer key, compared ordinally.</param>
/// <param name="Item">Item name, compared ordinally.</param>
public readonly record struct Purchase(string CustomerId, string Item);
