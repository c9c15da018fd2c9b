namespace Segmenta.Core.Lifetime;

/// <summary>
/// Parameters of the BG/NBD and modified BG/NBD models: while alive a customer buys at a Poisson
/// rate drawn from Gamma(shape <see cref="R"/>, rate <see cref="Alpha"/>); after each purchase
/// (and, in the modified model, also at time zero) the customer drops out with a probability drawn
/// from Beta(<see cref="A"/>, <see cref="B"/>).
/// </summary>
/// <param name="R">Gamma shape of the purchase rate.</param>
/// <param name="Alpha">Gamma rate (scale of time) of the purchase rate.</param>
/// <param name="A">First Beta shape of the dropout probability.</param>
/// <param name="B">Second Beta shape of the dropout probability.</param>
public readonly record struct BetaGeoParameters(double R, double Alpha, double A, double B);
