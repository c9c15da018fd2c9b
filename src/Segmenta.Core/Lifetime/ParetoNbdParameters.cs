namespace Segmenta.Core.Lifetime;

/// <summary>
/// Parameters of the Pareto/NBD model: while alive a customer buys at a Poisson rate drawn from
/// Gamma(<see cref="R"/>, <see cref="Alpha"/>); the customer's exponential lifetime has a dropout
/// rate drawn from Gamma(<see cref="S"/>, <see cref="Beta"/>).
/// </summary>
/// <param name="R">Gamma shape of the purchase rate.</param>
/// <param name="Alpha">Gamma rate of the purchase rate.</param>
/// <param name="S">Gamma shape of the dropout rate.</param>
/// <param name="Beta">Gamma rate of the dropout rate.</param>
public readonly record struct ParetoNbdParameters(double R, double Alpha, double S, double Beta);
