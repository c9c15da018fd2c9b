namespace Segmenta.Core.Experiments;

/// <summary>Treatment versus control on a continuous outcome (revenue per customer) by Welch's t-test and a percentile bootstrap.</summary>
/// <param name="TreatmentMean">Mean of the treatment arm (m1).</param>
/// <param name="ControlMean">Mean of the control arm (m0).</param>
/// <param name="Difference">m1 − m0.</param>
/// <param name="RelativeLift">m1 / m0 − 1; NaN when m0 = 0.</param>
/// <param name="StandardError">sqrt(s1²/n1 + s0²/n0).</param>
/// <param name="TStatistic">Welch's t = (m1 − m0) / StandardError.</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite df = (v1 + v0)² / (v1²/(n1−1) + v0²/(n0−1)), v = s²/n.</param>
/// <param name="PValue">Two-sided p-value 2·T_df(−|t|).</param>
/// <param name="DifferenceInterval">Welch interval (m1 − m0) ± t_{1−α/2, df}·StandardError.</param>
/// <param name="BootstrapInterval">Percentile bootstrap interval for m1 − m0, or <see langword="null"/> when bootstrapping is off.</param>
/// <param name="BootstrapResamples">Number of bootstrap resamples drawn (0 when off).</param>
public sealed record MeanComparison(
    double TreatmentMean,
    double ControlMean,
    double Difference,
    double RelativeLift,
    double StandardError,
    double TStatistic,
    double DegreesOfFreedom,
    double PValue,
    ConfidenceInterval DifferenceInterval,
    ConfidenceInterval? BootstrapInterval,
    int BootstrapResamples);
