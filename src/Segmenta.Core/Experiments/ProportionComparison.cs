namespace Segmenta.Core.Experiments;

/// <summary>Treatment versus control on a binary outcome (conversion or visit).</summary>
/// <param name="TreatmentCount">Customers in the treatment arm (n1).</param>
/// <param name="TreatmentSuccesses">Successes in the treatment arm (x1).</param>
/// <param name="ControlCount">Customers in the control arm (n0).</param>
/// <param name="ControlSuccesses">Successes in the control arm (x0).</param>
/// <param name="TreatmentRate">p1 = x1 / n1.</param>
/// <param name="ControlRate">p0 = x0 / n0.</param>
/// <param name="AbsoluteLift">p1 − p0.</param>
/// <param name="RelativeLift">p1 / p0 − 1; NaN when p0 = 0.</param>
/// <param name="DifferenceInterval">Confidence interval for p1 − p0 by <see cref="IntervalMethod"/>.</param>
/// <param name="IntervalMethod">How <see cref="DifferenceInterval"/> was computed.</param>
/// <param name="RelativeLiftInterval">Katz log interval for the risk ratio, minus 1: exp(ln(p1/p0) ± z·sqrt(1/x1 − 1/n1 + 1/x0 − 1/n0)) − 1; NaN bounds when x1 or x0 is 0.</param>
/// <param name="ZStatistic">Pooled two-proportion z: (p1 − p0) / sqrt(p(1−p)(1/n1 + 1/n0)), p = (x1 + x0)/(n1 + n0); 0 when the pooled variance is 0.</param>
/// <param name="PValue">Two-sided p-value 2·Φ(−|z|) (computed from the lower tail, accurate far below 1e-100).</param>
public sealed record ProportionComparison(
    int TreatmentCount,
    int TreatmentSuccesses,
    int ControlCount,
    int ControlSuccesses,
    double TreatmentRate,
    double ControlRate,
    double AbsoluteLift,
    double RelativeLift,
    ConfidenceInterval DifferenceInterval,
    DifferenceIntervalMethod IntervalMethod,
    ConfidenceInterval RelativeLiftInterval,
    double ZStatistic,
    double PValue);
