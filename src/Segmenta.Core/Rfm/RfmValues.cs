namespace Segmenta.Core.Rfm;

/// <summary>The raw measures of one customer that <see cref="RfmScorer"/> turns into an <see cref="RfmScore"/>.</summary>
/// <param name="CustomerId">The customer's identifier, used in error messages and results.</param>
/// <param name="RecencyDays">Days from the last activity (order or visit, see <see cref="RfmBasis"/>) to the as-of date; lower is better, must be 0 or more.</param>
/// <param name="Frequency">Number of orders or visits in the window; must be 0 or more.</param>
/// <param name="Monetary">Amount spent in the window; 0 for customers who never bought. Negative net amounts (refunds) count as 0.</param>
public readonly record struct RfmValues(string CustomerId, double RecencyDays, double Frequency, double Monetary);
