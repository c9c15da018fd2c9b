using Segmenta.Core.Experiments;

namespace Segmenta.Core.Tests.Experiments;

public class ExperimentAnalyzerTests
{
    private const string Mens = "Mens E-Mail";
    private const string Womens = "Womens E-Mail";
    private const string NoEmail = "No E-Mail";

    private static ExperimentAnalysis Hillstrom(DifferenceIntervalMethod method = DifferenceIntervalMethod.Newcombe, int? planned = null, int bootstrap = 0) =>
        ExperimentAnalyzer.Analyze(HillstromData.Rows, new ExperimentAnalysisOptions
        {
            ControlArm = NoEmail,
            DifferenceInterval = method,
            BootstrapResamples = bootstrap,
            PlannedSamplePerArm = planned,
        }, new Random(2008));

    [Theory]
    [InlineData(Mens, 21307, 0.182757, 0.012531, 1.4226)]
    [InlineData(Womens, 21387, 0.151400, 0.008837, 1.0772)]
    [InlineData(NoEmail, 21306, 0.106167, 0.005726, 0.6528)]
    public void Analyze_Hillstrom_ArmFiguresMatchPublished(string arm, int n, double visit, double conversion, double spend)
    {
        // Given the 64,000-row Hillstrom e-mail experiment
        // When analysed
        var summary = Hillstrom().Arms.Single(a => a.Arm == arm);

        // Then n, visit rate, conversion rate and spend per customer match REFERENCES.md to the printed decimals
        Assert.Equal(n, summary.Count);
        Assert.Equal(visit, summary.VisitRate!.Value, 6);
        Assert.Equal(conversion, summary.ConversionRate, 6);
        Assert.Equal(spend, summary.RevenuePerCustomer, 4);
    }

    [Fact]
    public void Analyze_Hillstrom_TotalsMatchDataReadme()
    {
        // Given the Hillstrom table (../shared/data/README.md: 9,394 visits, 578 conversions, total spend 67,258.13)
        // When analysed
        var arms = Hillstrom().Arms;

        // Then the per-arm figures add up to the published totals
        Assert.Equal(9394, arms.Sum(a => a.Visits!.Value));
        Assert.Equal(578, arms.Sum(a => a.Conversions));
        Assert.Equal(67258.13, arms.Sum(a => a.TotalRevenue), 2);
    }

    [Fact]
    public void Analyze_HillstromMensVisit_ZAndWaldIntervalMatchTextbook()
    {
        // Given Mens E-Mail 3,894 visits of 21,307 vs No E-Mail 2,262 of 21,306
        double x1 = 3894, n1 = 21307, x0 = 2262, n0 = 21306;
        var p1 = x1 / n1;
        var p0 = x0 / n0;
        var pooled = (x1 + x0) / (n1 + n0);
        var zHand = (p1 - p0) / Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
        var seWald = Math.Sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0);

        // When analysed with the Wald interval
        var visit = Hillstrom(DifferenceIntervalMethod.Wald).Comparisons.Single(c => c.TreatmentArm == Mens).Visit!;

        // Then lift 0.076590 (72.1 % relative), z = 22.49, CI = lift ± 1.959964·se, p far below 1e-100
        Assert.Equal(3894, visit.TreatmentSuccesses);
        Assert.Equal(2262, visit.ControlSuccesses);
        Assert.Equal(p1 - p0, visit.AbsoluteLift, 12);
        Assert.Equal(0.076590, visit.AbsoluteLift, 6);
        Assert.Equal(p1 / p0 - 1, visit.RelativeLift, 12);
        Assert.Equal(Math.Round(zHand, 2), Math.Round(visit.ZStatistic, 2));
        Assert.Equal(22.49, visit.ZStatistic, 2);
        Assert.Equal(p1 - p0 - 1.959963984540054 * seWald, visit.DifferenceInterval.Lower, 9);
        Assert.Equal(p1 - p0 + 1.959963984540054 * seWald, visit.DifferenceInterval.Upper, 9);
        Assert.True(visit.PValue < 1e-100 && visit.PValue > 0, $"p = {visit.PValue}");
    }

    [Fact]
    public void Analyze_HillstromMensVisit_NewcombeCloseToWaldAndRelativeCiBracketsLift()
    {
        // Given the same arms; with ~21,000 per arm the Newcombe and Wald intervals agree to about 1e-4
        // When analysed with the default Newcombe interval
        var c = Hillstrom().Comparisons.Single(c => c.TreatmentArm == Mens);
        var wald = Hillstrom(DifferenceIntervalMethod.Wald).Comparisons.Single(c => c.TreatmentArm == Mens).Visit!;

        // Then Newcombe's bounds are within 1e-4 of Wald's and the Katz relative interval contains the 72.1 % lift
        Assert.Equal(DifferenceIntervalMethod.Newcombe, c.Visit!.IntervalMethod);
        Assert.Equal(wald.DifferenceInterval.Lower, c.Visit.DifferenceInterval.Lower, 4);
        Assert.Equal(wald.DifferenceInterval.Upper, c.Visit.DifferenceInterval.Upper, 4);
        Assert.True(c.Visit.RelativeLiftInterval.Contains(c.Visit.RelativeLift));
        // Katz: exp(ln(p1/p0) ± 1.96·sqrt(1/3894 − 1/21307 + 1/2262 − 1/21306)) − 1
        var se = Math.Sqrt(1.0 / 3894 - 1.0 / 21307 + 1.0 / 2262 - 1.0 / 21306);
        var ratio = (3894.0 / 21307) / (2262.0 / 21306);
        Assert.Equal(ratio * Math.Exp(-1.959963984540054 * se) - 1, c.Visit.RelativeLiftInterval.Lower, 9);
    }

    [Fact]
    public void Analyze_HillstromMensSpend_WelchMatchesHandComputation()
    {
        // Given Mens E-Mail and No E-Mail spend
        var t = HillstromData.Rows.Where(r => r.Arm == Mens).Select(r => r.Revenue).ToArray();
        var c = HillstromData.Rows.Where(r => r.Arm == NoEmail).Select(r => r.Revenue).ToArray();
        static (double M, double V) Mv(double[] x)
        {
            var m = x.Average();
            return (m, x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
        }
        var (m1, s1) = Mv(t);
        var (m0, s0) = Mv(c);
        double v1 = s1 / t.Length, v0 = s0 / c.Length;
        var tHand = (m1 - m0) / Math.Sqrt(v1 + v0);
        var dfHand = (v1 + v0) * (v1 + v0) / (v1 * v1 / (t.Length - 1) + v0 * v0 / (c.Length - 1));

        // When analysed with a 1,000-resample bootstrap
        var r = Hillstrom(bootstrap: 1000).Comparisons.Single(x => x.TreatmentArm == Mens).Revenue;

        // Then the difference is 1.4226 − 0.6528 = 0.7698, t and df match the hand formula,
        // and the percentile bootstrap interval lies within 0.1 of the Welch interval at each end
        Assert.Equal(0.7698, r.Difference, 4);
        Assert.Equal(tHand, r.TStatistic, 9);
        Assert.Equal(dfHand, r.DegreesOfFreedom, 6);
        Assert.InRange(r.PValue, 1e-7, 2e-7);
        Assert.NotNull(r.BootstrapInterval);
        Assert.Equal(r.DifferenceInterval.Lower, r.BootstrapInterval!.Lower, 0.1);
        Assert.Equal(r.DifferenceInterval.Upper, r.BootstrapInterval.Upper, 0.1);
    }

    [Fact]
    public void Analyze_BelowPlannedSample_FlagsPeeking()
    {
        // Given a plan of 25,000 per arm while Hillstrom has about 21,300
        // When analysed
        var a = Hillstrom(planned: 25_000);

        // Then both comparisons are flagged and two warnings are given
        Assert.All(a.Comparisons, c => Assert.True(c.BelowPlannedSample));
        Assert.Equal(2, a.Warnings.Count);
        Assert.Contains("peeking", a.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_AtPlannedSample_NoPeekingFlag()
    {
        // Given a plan of 3,841 per arm (p = 0.10, MDE 0.02) and ~21,300 per arm
        // When analysed
        var a = Hillstrom(planned: SampleSizePlanner.SampleSizePerArm(0.10, 0.02));

        // Then nothing is flagged
        Assert.All(a.Comparisons, c => Assert.False(c.BelowPlannedSample));
        Assert.Empty(a.Warnings);
    }

    [Fact]
    public void Analyze_MissingControlArm_ThrowsInputError()
    {
        // Given rows without the named control
        ExperimentObservation[] rows = [new("A", true, 1), new("B", false, 0)];

        // When / Then
        var ex = Assert.Throws<SegmentaInputException>(() =>
            ExperimentAnalyzer.Analyze(rows, new ExperimentAnalysisOptions { ControlArm = "control" }, new Random(1)));
        Assert.Contains("'control'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_VisitOnSomeRowsOnly_ThrowsInputError()
    {
        // Given a visit flag on the first row only
        ExperimentObservation[] rows = [new("A", true, 1, true), new("B", false, 0)];

        // When / Then the error names row 2
        var ex = Assert.Throws<SegmentaInputException>(() =>
            ExperimentAnalyzer.Analyze(rows, new ExperimentAnalysisOptions { ControlArm = "A" }, new Random(1)));
        Assert.Contains("row 2", ex.Message, StringComparison.Ordinal);
    }
}
