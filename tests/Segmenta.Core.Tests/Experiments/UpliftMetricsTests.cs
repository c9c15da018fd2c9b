using Segmenta.Core.Experiments;

namespace Segmenta.Core.Tests.Experiments;

public class UpliftMetricsTests
{
    // Six rows, scores already descending: (score, treated, outcome)
    // r1 0.9 T 1 | r2 0.8 C 0 | r3 0.7 T 1 | r4 0.6 C 1 | r5 0.5 T 0 | r6 0.4 C 0
    private static readonly UpliftObservation[] Six =
    [
        new(true, true, 0.9),
        new(false, false, 0.8),
        new(true, true, 0.7),
        new(false, true, 0.6),
        new(true, false, 0.5),
        new(false, false, 0.4),
    ];

    [Fact]
    public void UpliftAtK_HalfOfSix_IsOne()
    {
        // Given k = 0.5, the top floor(6·0.5) = 3 rows are r1 T1, r2 C0, r3 T1
        // When / Then treated rate 2/2 − control rate 0/1 = 1
        Assert.Equal(1.0, UpliftMetrics.UpliftAtK(Six, 0.5), 12);
    }

    [Fact]
    public void UpliftAtK_SeventyPercentOfSix_IsOneHalf()
    {
        // Given k = 0.7, the top floor(4.2) = 4 rows add r4 C1
        // When / Then treated 2/2 − control 1/2 = 0.5
        Assert.Equal(0.5, UpliftMetrics.UpliftAtK(Six, 0.7), 12);
    }

    [Fact]
    public void UpliftAtCount_TieAtCut_LaterRowRanksFirst()
    {
        // Given four rows where rows 2 and 3 tie at 0.5: sklift's reversed stable argsort ranks row 3 before row 2
        UpliftObservation[] rows = [new(true, true, 0.9), new(false, true, 0.5), new(false, false, 0.5), new(true, false, 0.1)];

        // When the top 2 are taken (row 1 T1 and row 3 C0)
        // Then uplift = 1 − 0 = 1 (it would be 0 if row 2 C1 were taken)
        Assert.Equal(1.0, UpliftMetrics.UpliftAtCount(rows, 2), 12);
    }

    [Fact]
    public void QiniCurve_SixRows_MatchesHandComputation()
    {
        // Given the six rows; y = Yt − Yc·Nt/Nc after each row
        // When the curve is computed
        var curve = UpliftMetrics.QiniCurve(Six);

        // Then (0,0) (1,1) (2,1) (3,2) (4,2−1·2/2=1) (5,2−1·3/2=0.5) (6,2−1·3/3=1)
        double[] expected = [0, 1, 1, 2, 1, 0.5, 1];
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (double)i), curve.Select(p => p.Targeted));
        Assert.Equal(expected, curve.Select(p => p.IncrementalOutcomes));
    }

    [Fact]
    public void QiniCurve_AllScoresTied_OnlyOriginAndEnd()
    {
        // Given equal scores (ties are one threshold, as in sklift)
        var rows = Six.Select(r => r with { Score = 0.3 }).ToArray();

        // When / Then the curve is (0,0), (6,1)
        var curve = UpliftMetrics.QiniCurve(rows);
        Assert.Equal([new QiniPoint(0, 0), new QiniPoint(6, 1)], curve);
    }

    [Fact]
    public void QiniCoefficient_SixRows_IsSixThirteenths()
    {
        // Given the six rows:
        // model area (trapezoids) 0.5+1+1.5+1.5+0.75+0.75 = 6; random line (0,0)-(6,1) area 3;
        // perfect curve (oracle score y·t − y·(1−t)): (0,0) (2,2) (5,2) (6,1), area 2+6+1.5 = 9.5
        // When / Then Qini = (6 − 3) / (9.5 − 3) = 6/13
        var perfect = UpliftMetrics.PerfectQiniCurve(Six);
        Assert.Equal([new QiniPoint(0, 0), new QiniPoint(2, 2), new QiniPoint(5, 2), new QiniPoint(6, 1)], perfect);
        Assert.Equal(6.0 / 13.0, UpliftMetrics.QiniCoefficient(Six), 12);
    }

    [Fact]
    public void QiniCoefficient_NoNegativeEffect_IsSixFifths()
    {
        // Given negative_effect = false: R = Yt − Nt·Yc/Nc = 2 − 3·1/3 = 1, perfect curve (0,0) (1,1) (6,1), area 5.5
        // When / Then Qini = (6 − 3) / (5.5 − 3) = 1.2
        Assert.Equal(1.2, UpliftMetrics.QiniCoefficient(Six, negativeEffect: false), 12);
    }

    [Fact]
    public void QiniCoefficient_PerfectRanking_IsOne()
    {
        // Given scores equal to the oracle score
        var rows = Six.Select(r => r with { Score = r.Outcome ? (r.Treated ? 1.0 : -1.0) : 0.0 }).ToArray();

        // When / Then the coefficient is exactly 1
        Assert.Equal(1.0, UpliftMetrics.QiniCoefficient(rows), 12);
    }

    [Fact]
    public void UpliftAtK_TopHasNoControls_ThrowsInputError()
    {
        // Given k so small that only r1 (treated) is in the top
        // When / Then
        Assert.Throws<SegmentaInputException>(() => UpliftMetrics.UpliftAtK(Six, 0.2));
    }
}
