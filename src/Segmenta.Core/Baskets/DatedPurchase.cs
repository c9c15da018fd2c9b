namespace Segmenta.Core.Baskets;

/// <summary>A purchase event with its time, for time splits.</summary>
/// <param name="CustomerId">Customer key.</param>
/// <param name="Item">Item name.</param>
/// <param name="Time">When it was bought.</param>
public readonly record struct DatedPurchase(string CustomerId, string Item, DateTime Time);
