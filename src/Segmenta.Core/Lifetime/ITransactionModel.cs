namespace Segmenta.Core.Lifetime;

/// <summary>
/// A fitted purchase-count model (BG/NBD, modified BG/NBD or Pareto/NBD) as used by the
/// next-order and lifetime-value calculations in <see cref="CustomerValue"/>.
/// </summary>
public interface ITransactionModel
{
    /// <summary>E[X(t)]: expected purchases in (0, t] of a customer who has just made a first purchase at 0.</summary>
    /// <param name="t">Length of the period, in the model's time unit; 0 or more.</param>
    double ExpectedPurchases(double t);

    /// <summary>
    /// E[Y(t) | x, t_x, T]: expected purchases in the next <paramref name="t"/> time units after the
    /// end of calibration, given the customer's history.
    /// </summary>
    /// <param name="t">Length of the forecast period; 0 or more.</param>
    /// <param name="customer">The customer's calibration summary.</param>
    double ConditionalExpectedPurchases(double t, CustomerHistory customer);

    /// <summary>P(alive | x, t_x, T): the probability the customer has not dropped out by the end of calibration.</summary>
    /// <param name="customer">The customer's calibration summary.</param>
    double ProbabilityAlive(CustomerHistory customer);
}
