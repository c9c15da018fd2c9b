namespace Segmenta.Core.Lifetime;

/// <summary>One purchase by one customer, the raw input of <see cref="CalibrationSummary"/>.</summary>
/// <param name="CustomerId">The customer's identifier.</param>
/// <param name="Date">The day of the purchase (time of day is ignored: purchases on one day are merged).</param>
/// <param name="Amount">The amount spent.</param>
public readonly record struct Purchase(string CustomerId, DateOnly Date, double Amount);
