namespace Segmenta.Core.Lifetime;

/// <summary>How many purchases (distinct purchase days) a calibration customer made in the holdout period.</summary>
/// <param name="CustomerId">The customer's identifier.</param>
/// <param name="Frequency">Purchases after the calibration end up to and including the holdout end.</param>
/// <param name="MonetaryValue">Mean spend of those purchases; 0 when there are none.</param>
public readonly record struct HoldoutCount(string CustomerId, double Frequency, double MonetaryValue);
