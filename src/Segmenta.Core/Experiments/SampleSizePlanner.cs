using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Segmenta.Core.Experiments;

/// <summary>
/// Sample size and minimum detectable effect for a two-sided two-proportion z-test with equal arms, by the
/// standard pooled-variance formula (Fleiss; e.g. R's <c>power.prop.test</c> without its tiny second-tail term):
/// n = ( z_{1−α/2}·sqrt(2·p̄(1−p̄)) + z_{1−β}·sqrt(p1(1−p1) + p2(1−p2)) )² / δ², with p1 the baseline rate,
/// p2 = p1 + δ, p̄ = (p1 + p2)/2; the planned n per arm is the ceiling.
/// </summary>
public static class SampleSizePlanner
{
    /// <summary>Customers needed per arm (ceiling of the formula).</summary>
    /// <param name="baselineRate">Control conversion rate p1, in (0, 1).</param>
    /// <param name="minimumDetectableEffect">Absolute difference δ to detect (positive; p1 + δ &lt; 1).</param>
    /// <param name="alpha">Two-sided significance level. Default 0.05.</param>
    /// <param name="power">Power 1 − β. Default 0.8.</param>
    /// <exception cref="SegmentaInputException">An argument is out of range.</exception>
    public static int SampleSizePerArm(double baselineRate, double minimumDetectableEffect, double alpha = 0.05, double power = 0.8)
    {
        var n = ExactSampleSize(baselineRate, minimumDetectableEffect, alpha, power);
        if (n >= int.MaxValue)
        {
            throw new SegmentaInputException("the required sample size exceeds 2^31 per arm; choose a larger effect");
        }
        return (int)Math.Ceiling(n);
    }

    /// <summary>The formula's value before rounding up (useful for reporting and for the inverse).</summary>
    /// <param name="baselineRate">Control conversion rate p1, in (0, 1).</param>
    /// <param name="minimumDetectableEffect">Absolute difference δ to detect (positive; p1 + δ &lt; 1).</param>
    /// <param name="alpha">Two-sided significance level. Default 0.05.</param>
    /// <param name="power">Power 1 − β. Default 0.8.</param>
    public static double ExactSampleSize(double baselineRate, double minimumDetectableEffect, double alpha = 0.05, double power = 0.8)
    {
        CheckRate(baselineRate);
        CheckAlphaPower(alpha, power);
        var p2 = baselineRate + minimumDetectableEffect;
        if (!(minimumDetectableEffect > 0) || !(p2 < 1))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"minimum detectable effect must be positive and keep baseline + effect below 1, got {minimumDetectableEffect} on baseline {baselineRate}"));
        }
        return Formula(baselineRate, minimumDetectableEffect, ZAlpha(alpha), ZBeta(power));
    }

    /// <summary>
    /// The smallest absolute effect δ detectable with <paramref name="samplePerArm"/> customers per arm: the δ at which
    /// the formula (before rounding) equals n, found by bisection to 1e-12.
    /// </summary>
    /// <param name="baselineRate">Control conversion rate p1, in (0, 1).</param>
    /// <param name="samplePerArm">Customers per arm (positive).</param>
    /// <param name="alpha">Two-sided significance level. Default 0.05.</param>
    /// <param name="power">Power 1 − β. Default 0.8.</param>
    /// <exception cref="SegmentaInputException">An argument is out of range or no effect below 1 − p1 is detectable.</exception>
    public static double MinimumDetectableEffect(double baselineRate, int samplePerArm, double alpha = 0.05, double power = 0.8)
    {
        CheckRate(baselineRate);
        CheckAlphaPower(alpha, power);
        if (samplePerArm <= 0)
        {
            throw new SegmentaInputException("sample per arm must be positive");
        }
        var za = ZAlpha(alpha);
        var zb = ZBeta(power);
        double lo = 0, hi = 1 - baselineRate;
        if (Formula(baselineRate, hi * (1 - 1e-12), za, zb) > samplePerArm)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"{samplePerArm} customers per arm cannot detect any effect on baseline {baselineRate}"));
        }
        while (hi - lo > 1e-12)
        {
            var mid = (lo + hi) / 2;
            if (Formula(baselineRate, mid, za, zb) > samplePerArm)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return hi;
    }

    private static double Formula(double p1, double delta, double za, double zb)
    {
        var p2 = p1 + delta;
        var pBar = (p1 + p2) / 2;
        var a = za * Math.Sqrt(2 * pBar * (1 - pBar)) + zb * Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return a * a / (delta * delta);
    }

    private static double ZAlpha(double alpha) => Normal.InvCDF(0, 1, 1 - alpha / 2);

    private static double ZBeta(double power) => Normal.InvCDF(0, 1, power);

    private static void CheckRate(double rate)
    {
        if (!(rate > 0 && rate < 1))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"baseline rate must be between 0 and 1 (exclusive), got {rate}"));
        }
    }

    private static void CheckAlphaPower(double alpha, double power)
    {
        if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"alpha and power must be between 0 and 1 (exclusive), got alpha {alpha}, power {power}"));
        }
    }
}
