namespace Segmenta.ML.Tests;

/// <summary>Platt scaling against its closed form on two score values and a known logistic curve.</summary>
public sealed class PlattCalibrationTests
{
    [Fact]
    public void Fit_TwoScoreValues_ReproducesEachGroupsSmoothedTargetRate()
    {
        // Given score +1 for 40 rows (30 converted) and −1 for 60 rows (10 converted): 40 positives, 60 negatives.
        // Platt's targets are 41/42 for a positive and 1/62 for a negative; two parameters on two points fit
        // exactly, so each group's probability is its mean target.
        var scores = Enumerable.Repeat(1.0, 40).Concat(Enumerable.Repeat(-1.0, 60)).ToList();
        var outcomes = Enumerable.Range(0, 100).Select(i => i < 30 || (i >= 40 && i < 50)).ToList();

        var platt = PlattCalibration.Fit(scores, outcomes);

        Assert.Equal(((30 * 41.0 / 42) + (10 / 62.0)) / 40, platt.Probability(1), 6);
        Assert.Equal(((10 * 41.0 / 42) + (50 / 62.0)) / 60, platt.Probability(-1), 6);
    }

    [Fact]
    public void Fit_LogisticOutcomes_RecoversSlopeAndOffset()
    {
        // Given 200,000 scores uniform in [−4, 4] and outcomes drawn with P = 1 / (1 + exp(−1.5 s + 0.4))
        var random = new Random(11);
        var scores = Enumerable.Range(0, 200_000).Select(_ => (random.NextDouble() * 8) - 4).ToList();
        var outcomes = scores.Select(s => random.NextDouble() < 1 / (1 + Math.Exp((-1.5 * s) + 0.4))).ToList();

        var platt = PlattCalibration.Fit(scores, outcomes);

        // Then A and B are within a few standard errors (≈ 0.003 and 0.006) of −1.5 and 0.4
        Assert.InRange(platt.A, -1.52, -1.48);
        Assert.InRange(platt.B, 0.37, 0.43);
        Assert.InRange(platt.Probability(1e6), 0, 1);
        Assert.InRange(platt.Probability(-1e6), 0, 1);
    }
}
