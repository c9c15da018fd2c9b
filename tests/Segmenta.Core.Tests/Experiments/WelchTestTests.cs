using Segmenta.Core.Experiments;

namespace Segmenta.Core.Tests.Experiments;

public class WelchTestTests
{
    [Fact]
    public void Compare_TwoByTwoEqualVariances_MatchesClosedFormWithTwoDf()
    {
        // Given treatment {3, 5} and control {0, 2}: means 4 and 1, variances 2 and 2
        // Hand: se = sqrt(2/2 + 2/2) = sqrt(2), t = 3/sqrt(2) = 2.1213, df = (1+1)^2/(1/1 + 1/1) = 2,
        // p = 1 - t/sqrt(2 + t^2) = 1 - 2.1213/sqrt(6.5) = 0.16795 (t with 2 df has a closed-form CDF),
        // CI = 3 ± 4.302653 (t table, 0.975, 2 df) * sqrt(2) = [-3.0849, 9.0849]
        // When compared
        var r = WelchTest.Compare([3.0, 5.0], [0.0, 2.0]);

        // Then
        var t = 3 / Math.Sqrt(2);
        Assert.Equal(t, r.TStatistic, 10);
        Assert.Equal(2.0, r.DegreesOfFreedom, 10);
        Assert.Equal(1 - t / Math.Sqrt(2 + t * t), r.PValue, 8);
        Assert.Equal(0.16795, r.PValue, 5);
        Assert.Equal(3 - 4.302653 * Math.Sqrt(2), r.DifferenceInterval.Lower, 5);
        Assert.Equal(3 + 4.302653 * Math.Sqrt(2), r.DifferenceInterval.Upper, 5);
        Assert.Equal(3.0, r.RelativeLift, 10);
    }

    [Fact]
    public void Compare_UnequalSizesAndVariances_DfMatchesWelchSatterthwaite()
    {
        // Given treatment {1,2,3,4,5,6,7,8,9,10} (mean 5.5, var 9.1667) and control {2,4,6} (mean 4, var 4)
        // Hand: v1 = 0.91667, v0 = 1.33333, se = 1.5, t = 1.0,
        // df = 2.25^2 / (0.91667^2/9 + 1.33333^2/2) = 5.0625 / (0.093364 + 0.888889) = 5.15397
        // When compared
        var r = WelchTest.Compare([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2.0, 4, 6]);

        // Then
        Assert.Equal(1.5, r.StandardError, 10);
        Assert.Equal(1.0, r.TStatistic, 10);
        Assert.Equal(5.154, r.DegreesOfFreedom, 3);
    }

    [Fact]
    public void BootstrapDifference_ConstantArms_IntervalIsTheDifference()
    {
        // Given treatment always 3 and control always 1
        // When bootstrapped
        var ci = WelchTest.BootstrapDifference([3.0, 3, 3], [1.0, 1], 0.95, 500, new Random(7));

        // Then every resampled difference is 2
        Assert.Equal(new ConfidenceInterval(2, 2), ci);
    }

    [Fact]
    public void BootstrapDifference_SameSeed_SameInterval()
    {
        // Given skewed data and the same seed twice
        double[] t = [0, 0, 0, 0, 10, 0, 3, 0, 0, 25];
        double[] c = [0, 1, 0, 0, 0, 2, 0, 0, 0, 0];

        // When bootstrapped twice with seed 42
        var a = WelchTest.BootstrapDifference(t, c, 0.95, 1000, new Random(42));
        var b = WelchTest.BootstrapDifference(t, c, 0.95, 1000, new Random(42));

        // Then the intervals are identical and bracket the observed difference 3.5
        Assert.Equal(a, b);
        Assert.True(a.Contains(3.5));
    }

    [Fact]
    public void Quantile_TypeSeven_InterpolatesBetweenOrderStatistics()
    {
        // Given 1..5, numpy.percentile(x, 2.5) = 1 + 0.1 * 1 = 1.1 and percentile 97.5 = 4.9
        // When / Then
        Assert.Equal(1.1, WelchTest.Quantile([1.0, 2, 3, 4, 5], 0.025), 12);
        Assert.Equal(4.9, WelchTest.Quantile([1.0, 2, 3, 4, 5], 0.975), 12);
    }
}
