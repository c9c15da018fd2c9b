using Segmenta.Core.Predictions;

namespace Segmenta.Core.Tests.Predictions;

/// <summary>Classifier metrics against scikit-learn's documented example and hand computations.</summary>
public sealed class ClassifierMetricsTests
{
    [Fact]
    public void Evaluate_ScikitLearnExample_MatchesPublishedAucAndAveragePrecision()
    {
        // Given scikit-learn's example: y = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8]
        double[] p = [0.1, 0.4, 0.35, 0.8];
        bool[] y = [false, false, true, true];

        // When evaluated with two bands
        var e = ClassifierMetrics.Evaluate(p, y, bands: 2);

        // Then roc_auc_score = 0.75 and average_precision_score = 0.8333… (sklearn docs)
        Assert.Equal(0.75, e.Auc, 12);
        Assert.Equal(5.0 / 6.0, e.PrAuc, 12);
        // And by hand: log loss = −(ln .9 + ln .6 + ln .35 + ln .8)/4, Brier = (.01 + .16 + .4225 + .04)/4
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.6) + Math.Log(0.35) + Math.Log(0.8)) / 4, e.LogLoss, 12);
        Assert.Equal(0.158125, e.Brier, 12);
        // And bands: lowest two (0.1, 0.35) convert 1 of 2; highest two (0.4, 0.8) convert 1 of 2
        Assert.Equal([0.5, 0.5], e.Bands.Select(b => b.ActualRate).ToArray());
        Assert.Equal((0.1, 0.35), (e.Bands[0].MinProbability, e.Bands[0].MaxProbability));
    }

    [Fact]
    public void Evaluate_HundredThousandPositives_AucStaysExact()
    {
        // Given 100,000 positives scored 0.9 and 100,000 negatives scored 0.1, then one swapped pair
        var p = Enumerable.Repeat(0.9, 100_000).Concat(Enumerable.Repeat(0.1, 100_000)).ToList();
        var y = Enumerable.Repeat(true, 100_000).Concat(Enumerable.Repeat(false, 100_000)).ToList();
        var perfect = ClassifierMetrics.Evaluate(p, y);
        p[0] = 0.05; // one positive now below every negative: 100,000 of the 10^10 pairs are misordered

        // Then AUC is exactly 1, then 1 − 10^5 / 10^10 (the rank sum must not overflow)
        Assert.Equal(1.0, perfect.Auc, 12);
        Assert.Equal(1 - 1e-5, ClassifierMetrics.Evaluate(p, y).Auc, 12);
    }

    [Fact]
    public void Evaluate_PerfectlyCalibratedRandomData_SmallEceAndUnitLift()
    {
        // Given 200,000 outcomes drawn with exactly the predicted probabilities (seeded)
        var random = new Random(11);
        var p = Enumerable.Range(0, 200_000).Select(_ => random.NextDouble() * 0.2).ToArray();
        var y = p.Select(q => random.NextDouble() < q).ToArray();

        // When evaluated
        var e = ClassifierMetrics.Evaluate(p, y);

        // Then calibration error is near zero, bands rise monotonically, and AUC is well above chance
        Assert.True(e.ExpectedCalibrationError < 0.005, $"ECE {e.ExpectedCalibrationError}");
        Assert.True(e.Bands.Zip(e.Bands.Skip(1)).All(t => t.First.ActualRate < t.Second.ActualRate));
        Assert.InRange(e.Auc, 0.6, 0.75);
        // Top-decile lift by hand: E[p | top 10 %] / E[p] = 0.19 / 0.1 = 1.9
        Assert.Equal(1.9, e.TopDecileLift, 1);
    }

    [Fact]
    public void Evaluate_Mismatch_Throws()
    {
        Assert.Throws<SegmentaInputException>(() => ClassifierMetrics.Evaluate([0.5], [true, false]));
        Assert.Throws<SegmentaInputException>(() => ClassifierMetrics.Evaluate([0.5, 0.2], [true, false], bands: 3));
    }
}
