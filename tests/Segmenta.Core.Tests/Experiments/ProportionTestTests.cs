using Segmenta.Core.Experiments;

namespace Segmenta.Core.Tests.Experiments;

public class ProportionTestTests
{
    [Fact]
    public void Wilson_81Of263_MatchesNewcombe1998()
    {
        // Given 81 successes out of 263 (Newcombe 1998, Stat Med 17:857, example with Wilson interval 0.2553-0.3662)
        // When the Wilson interval is computed
        var ci = ProportionTest.Wilson(81, 263);

        // Then
        Assert.Equal(0.2553, ci.Lower, 4);
        Assert.Equal(0.3662, ci.Upper, 4);
    }

    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    public void Compare_NewcombePaperExamples_IntervalMatchesMethod10(int x1, int n1, int x0, int n0, double lower, double upper)
    {
        // Given the worked examples of Newcombe (1998), "Interval estimation for the difference between independent
        // proportions", Stat Med 17:873-890, Table II, method 10 (hybrid score interval from Wilson limits)
        // When compared with the default interval
        var r = ProportionTest.Compare(x1, n1, x0, n0);

        // Then the bounds match the published ones to 4 decimals
        Assert.Equal(DifferenceIntervalMethod.Newcombe, r.IntervalMethod);
        Assert.Equal((double)x1 / n1 - (double)x0 / n0, r.AbsoluteLift, 12);
        Assert.Equal(lower, r.DifferenceInterval.Lower, 4);
        Assert.Equal(upper, r.DifferenceInterval.Upper, 4);
    }

    [Fact]
    public void Compare_ZeroControlSuccesses_RelativeLiftUndefined()
    {
        // Given 5/100 vs 0/100
        // When compared
        var r = ProportionTest.Compare(5, 100, 0, 100);

        // Then the absolute lift is 0.05 and the relative lift and its interval are NaN
        Assert.Equal(0.05, r.AbsoluteLift, 12);
        Assert.True(double.IsNaN(r.RelativeLift));
        Assert.True(double.IsNaN(r.RelativeLiftInterval.Lower));
    }

    [Fact]
    public void Compare_SuccessesAboveCount_ThrowsInputError()
    {
        // Given 11 successes out of 10
        // When / Then
        Assert.Throws<SegmentaInputException>(() => ProportionTest.Compare(11, 10, 1, 10));
    }
}
