namespace Segmenta.Core.Lifetime;

/// <summary>
/// Parameters of the Gamma-Gamma spend model: each transaction's value is Gamma(<see cref="P"/>, nu)
/// and the customer's nu is Gamma(<see cref="Q"/>, <see cref="V"/>), so a customer's mean
/// transaction value is p/nu with population mean p v / (q - 1).
/// </summary>
/// <param name="P">Shape of the per-transaction spend.</param>
/// <param name="Q">Shape of the customer-level rate nu.</param>
/// <param name="V">Rate of the customer-level rate nu.</param>
public readonly record struct GammaGammaParameters(double P, double Q, double V);
