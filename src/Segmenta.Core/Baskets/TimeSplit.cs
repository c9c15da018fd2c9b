namespace Segmenta.Core.Baskets;

/// <summary>Purchases split at a cutoff time.</summary>
/// <param name="Train">Purchases before the cutoff.</param>
/// <param name="Test">Purchases at or after the cutoff.</param>
public sealed record TimeSplit(PurchaseHistory Train, IReadOnlyList<Purchase> Test);
