using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Segmenta.Core.Experiments;

/// <summary>Welch's unequal-variance t-test and a seeded percentile bootstrap for a difference in means.</summary>
public static class WelchTest
{
    /// <summary>Compares the mean of <paramref name="treatment"/> with the mean of <paramref name="control"/>.</summary>
    /// <param name="treatment">Treatment values (at least 2, finite).</param>
    /// <param name="control">Control values (at least 2, finite).</param>
    /// <param name="confidenceLevel">Confidence level in (0, 1). Default 0.95.</param>
    /// <param name="bootstrapResamples">Bootstrap resamples; 0 for none. Default 0.</param>
    /// <param name="random">Seeded generator for the bootstrap (required when <paramref name="bootstrapResamples"/> &gt; 0).</param>
    /// <exception cref="SegmentaInputException">An arm has fewer than 2 values, or the resample count is negative.</exception>
    public static MeanComparison Compare(
        IReadOnlyList<double> treatment,
        IReadOnlyList<double> control,
        double confidenceLevel = 0.95,
        int bootstrapResamples = 0,
        Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(control);
        if (treatment.Count < 2 || control.Count < 2)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"Welch's t-test needs at least 2 customers per arm (treatment {treatment.Count}, control {control.Count})"));
        }
        if (bootstrapResamples < 0)
        {
            throw new SegmentaInputException("bootstrap resamples must be 0 or more");
        }
        if (bootstrapResamples > 0 && random is null)
        {
            throw new ArgumentNullException(nameof(random), "a seeded Random is required for the bootstrap");
        }
        _ = ProportionTest.Critical(confidenceLevel);

        var (m1, var1) = MeanVariance(treatment);
        var (m0, var0) = MeanVariance(control);
        double n1 = treatment.Count, n0 = control.Count;
        var v1 = var1 / n1;
        var v0 = var0 / n0;
        var se = Math.Sqrt(v1 + v0);
        var diff = m1 - m0;
        double t, df, p;
        ConfidenceInterval interval;
        if (se > 0)
        {
            t = diff / se;
            df = (v1 + v0) * (v1 + v0) / (v1 * v1 / (n1 - 1) + v0 * v0 / (n0 - 1));
            p = Math.Min(1.0, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)));
            var critical = StudentT.InvCDF(0, 1, df, 1 - (1 - confidenceLevel) / 2);
            interval = new ConfidenceInterval(diff - critical * se, diff + critical * se);
        }
        else
        {
            // Both arms constant: no sampling variability at all.
            t = diff == 0 ? 0 : Math.CopySign(double.PositiveInfinity, diff);
            df = n1 + n0 - 2;
            p = diff == 0 ? 1 : 0;
            interval = new ConfidenceInterval(diff, diff);
        }

        ConfidenceInterval? bootstrap = bootstrapResamples > 0
            ? BootstrapDifference(treatment, control, confidenceLevel, bootstrapResamples, random!)
            : null;
        var relative = m0 != 0 ? m1 / m0 - 1 : double.NaN;
        return new MeanComparison(m1, m0, diff, relative, se, t, df, p, interval, bootstrap, bootstrapResamples);
    }

    /// <summary>
    /// Percentile bootstrap interval for mean(treatment) − mean(control): each resample draws n1 treatment values and
    /// n0 control values with replacement (indices from <c>random.Next(n)</c>, treatment first), and the bounds are the
    /// α/2 and 1 − α/2 quantiles of the resampled differences with linear interpolation (numpy's default / R type 7).
    /// </summary>
    /// <param name="treatment">Treatment values (at least 1).</param>
    /// <param name="control">Control values (at least 1).</param>
    /// <param name="confidenceLevel">Confidence level in (0, 1).</param>
    /// <param name="resamples">Number of resamples (at least 1).</param>
    /// <param name="random">Seeded generator; the same seed gives the same interval.</param>
    public static ConfidenceInterval BootstrapDifference(
        IReadOnlyList<double> treatment,
        IReadOnlyList<double> control,
        double confidenceLevel,
        int resamples,
        Random random)
    {
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(random);
        if (resamples < 1 || treatment.Count == 0 || control.Count == 0)
        {
            throw new SegmentaInputException("the bootstrap needs at least one resample and at least one value per arm");
        }
        _ = ProportionTest.Critical(confidenceLevel);
        var t = treatment.ToArray();
        var c = control.ToArray();
        var diffs = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            diffs[b] = ResampleMean(t, random) - ResampleMean(c, random);
        }
        Array.Sort(diffs);
        var alpha = 1 - confidenceLevel;
        return new ConfidenceInterval(Quantile(diffs, alpha / 2), Quantile(diffs, 1 - alpha / 2));
    }

    /// <summary>Quantile of sorted values with linear interpolation between order statistics (R type 7, numpy default).</summary>
    /// <param name="sorted">Values sorted ascending (at least one).</param>
    /// <param name="probability">Probability in [0, 1].</param>
    public static double Quantile(IReadOnlyList<double> sorted, double probability)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var h = (sorted.Count - 1) * probability;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double ResampleMean(double[] values, Random random)
    {
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[random.Next(values.Length)];
        }
        return sum / values.Length;
    }

    private static (double Mean, double Variance) MeanVariance(IReadOnlyList<double> values)
    {
        double sum = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v))
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                    $"value {i} is {v}; values must be finite numbers"));
            }
            sum += v;
        }
        var mean = sum / values.Count;
        double squares = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var d = values[i] - mean;
            squares += d * d;
        }
        return (mean, squares / (values.Count - 1));
    }
}
