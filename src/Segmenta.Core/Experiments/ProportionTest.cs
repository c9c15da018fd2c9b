using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Segmenta.Core.Experiments;

/// <summary>Two-proportion statistics: Wilson and Newcombe/Wald intervals, the pooled z-test and the relative lift interval.</summary>
public static class ProportionTest
{
    /// <summary>Wilson score interval for x successes out of n.</summary>
    /// <param name="successes">x, 0 ≤ x ≤ n.</param>
    /// <param name="count">n &gt; 0.</param>
    /// <param name="confidenceLevel">Confidence level in (0, 1), e.g. 0.95.</param>
    public static ConfidenceInterval Wilson(int successes, int count, double confidenceLevel = 0.95)
    {
        CheckCounts(successes, count, "arm");
        var z = Critical(confidenceLevel);
        double n = count;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new ConfidenceInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>Compares x1/n1 (treatment) with x0/n0 (control).</summary>
    /// <param name="treatmentSuccesses">x1.</param>
    /// <param name="treatmentCount">n1.</param>
    /// <param name="controlSuccesses">x0.</param>
    /// <param name="controlCount">n0.</param>
    /// <param name="confidenceLevel">Confidence level in (0, 1). Default 0.95.</param>
    /// <param name="method">Interval for the difference. Default Newcombe.</param>
    /// <exception cref="SegmentaInputException">A count is not positive or successes exceed the count.</exception>
    public static ProportionComparison Compare(
        int treatmentSuccesses,
        int treatmentCount,
        int controlSuccesses,
        int controlCount,
        double confidenceLevel = 0.95,
        DifferenceIntervalMethod method = DifferenceIntervalMethod.Newcombe)
    {
        CheckCounts(treatmentSuccesses, treatmentCount, "treatment");
        CheckCounts(controlSuccesses, controlCount, "control");
        var z = Critical(confidenceLevel);
        double x1 = treatmentSuccesses, n1 = treatmentCount, x0 = controlSuccesses, n0 = controlCount;
        var p1 = x1 / n1;
        var p0 = x0 / n0;
        var d = p1 - p0;

        ConfidenceInterval interval;
        if (method == DifferenceIntervalMethod.Wald)
        {
            var se = Math.Sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0);
            interval = new ConfidenceInterval(d - z * se, d + z * se);
        }
        else
        {
            var w1 = Wilson(treatmentSuccesses, treatmentCount, confidenceLevel);
            var w0 = Wilson(controlSuccesses, controlCount, confidenceLevel);
            var lower = d - Math.Sqrt(Square(p1 - w1.Lower) + Square(w0.Upper - p0));
            var upper = d + Math.Sqrt(Square(w1.Upper - p1) + Square(p0 - w0.Lower));
            interval = new ConfidenceInterval(lower, upper);
        }

        var pooled = (x1 + x0) / (n1 + n0);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
        var zStat = pooledSe > 0 ? d / pooledSe : 0.0;
        var pValue = Math.Min(1.0, 2 * Normal.CDF(0, 1, -Math.Abs(zStat)));

        var relative = p0 > 0 ? p1 / p0 - 1 : double.NaN;
        ConfidenceInterval relativeInterval;
        if (treatmentSuccesses > 0 && controlSuccesses > 0)
        {
            var logRatio = Math.Log(p1 / p0);
            var seLog = Math.Sqrt(1 / x1 - 1 / n1 + 1 / x0 - 1 / n0);
            relativeInterval = new ConfidenceInterval(Math.Exp(logRatio - z * seLog) - 1, Math.Exp(logRatio + z * seLog) - 1);
        }
        else
        {
            relativeInterval = new ConfidenceInterval(double.NaN, double.NaN);
        }

        return new ProportionComparison(
            treatmentCount, treatmentSuccesses, controlCount, controlSuccesses,
            p1, p0, d, relative, interval, method, relativeInterval, zStat, pValue);
    }

    /// <summary>The two-sided standard normal critical value z_{1−α/2} for a confidence level 1 − α.</summary>
    /// <param name="confidenceLevel">Confidence level in (0, 1).</param>
    /// <exception cref="SegmentaInputException">The level is outside (0, 1).</exception>
    public static double Critical(double confidenceLevel)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"confidence level must be between 0 and 1 (exclusive), got {confidenceLevel}"));
        }
        return Normal.InvCDF(0, 1, 1 - (1 - confidenceLevel) / 2);
    }

    private static double Square(double v) => v * v;

    private static void CheckCounts(int successes, int count, string what)
    {
        if (count <= 0)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"{what} arm has no customers (n = {count}); every compared arm needs at least one"));
        }
        if (successes < 0 || successes > count)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"{what} arm has {successes} successes out of {count}; successes must be between 0 and n"));
        }
    }
}
