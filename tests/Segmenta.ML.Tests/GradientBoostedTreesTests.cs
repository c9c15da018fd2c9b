using Segmenta.ML.Boosting;

namespace Segmenta.ML.Tests;

/// <summary>The native LightGBM wrapper against hand-computed boosting steps and TreeSHAP's defining identity.</summary>
public sealed class GradientBoostedTreesTests
{
    [Fact]
    public void Train_OneRoundOnATwoValueFeature_LeafScoresAreTheNewtonStep()
    {
        // Given x = 0 for 100 rows of which 20 converted, x = 1 for 100 rows of which 70 converted
        var x = new float[200];
        var y = new float[200];
        for (var i = 0; i < 200; i++)
        {
            x[i] = i < 100 ? 0 : 1;
            y[i] = (i < 100 ? i < 20 : i < 170) ? 1 : 0;
        }

        // When one tree with two leaves is grown at learning rate 0.1
        using var trees = GradientBoostedTrees.Train(x, 200, 1, y, null, new BoostingSettings { Rounds = 1, Leaves = 2, Threads = 1 });
        var raw = trees.RawScores([0f, 1f], 2);

        // Then the score starts at the log-odds of the average, 0.45, and each leaf adds 0.1 × the Newton step
        // −Σ(p − y) / Σ p(1 − p): −25 / 24.75 for x = 0 and +25 / 24.75 for x = 1
        var start = Math.Log(0.45 / 0.55);
        Assert.Equal(start - (0.1 * 25 / 24.75), raw[0], 6);
        Assert.Equal(start + (0.1 * 25 / 24.75), raw[1], 6);
    }

    [Fact]
    public void Contributions_SumToTheRawScore_AndTrainingScoresMatchScoringAgain()
    {
        // Given 3,000 random rows of 4 features with a nonlinear outcome
        var random = new Random(7);
        const int n = 3_000, d = 4;
        var x = new float[n * d];
        var y = new float[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                x[(i * d) + j] = (float)random.NextDouble();
            }
            var logit = (3 * x[i * d] * x[(i * d) + 1]) - (2 * x[(i * d) + 2]);
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }

        using var trees = GradientBoostedTrees.Train(x, n, d, y, null, new BoostingSettings { Rounds = 30, Leaves = 8, Threads = 1 }, out var trainingScores);
        var raw = trees.RawScores(x, n);
        var shap = trees.Contributions(x, n);

        // Then for every row the features' contributions plus the expected score are the raw score (TreeSHAP's
        // local accuracy), and boosting's own training scores equal scoring the rows again
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j <= d; j++)
            {
                sum += shap[(i * (d + 1)) + j];
            }
            Assert.Equal(raw[i], sum, 9);
            Assert.Equal(raw[i], trainingScores[i], 9);
        }
        // And the noise feature (index 3) has the least gain
        var gains = trees.GainImportance();
        Assert.Equal(3, Array.IndexOf(gains, gains.Min()));
    }

    [Fact]
    public void PathContributions_FollowLightGbmsPaths_IncludingMissingValues()
    {
        // Given 4,000 rows where feature 0 is missing (NaN) for a tenth and exactly 0 for another tenth
        var random = new Random(11);
        const int n = 4_000, d = 3;
        var x = new float[n * d];
        var y = new float[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            x[i * d] = u < 0.1 ? float.NaN : u < 0.2 ? 0f : (float)random.NextDouble();
            x[(i * d) + 1] = (float)random.NextDouble();
            x[(i * d) + 2] = (float)(random.NextDouble() - 0.5);
            var logit = (float.IsNaN(x[i * d]) ? 1.5 : 2 * x[i * d]) - (3 * x[(i * d) + 1] * x[(i * d) + 2]);
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }
        using var trees = GradientBoostedTrees.Train(x, n, d, y, null, new BoostingSettings { Rounds = 40, Leaves = 15, Threads = 1 });

        // When each row's score is attributed along its decision paths
        var raw = trees.RawScores(x, n);
        var paths = trees.PathContributions(x, n);

        // Then contributions plus the roots' values are LightGBM's own raw score: every row reached the same leaves
        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j <= d; j++)
            {
                sum += paths[(i * (d + 1)) + j];
            }
            Assert.Equal(raw[i], sum, 9);
        }
    }

    [Fact]
    public void PathContributions_OneSplit_DifferByTheLeafValues()
    {
        // Given the one-split tree of the Newton-step case (x = 0: 20 of 100 converted; x = 1: 70 of 100)
        var x = Enumerable.Range(0, 200).Select(i => i < 100 ? 0f : 1f).ToArray();
        var y = Enumerable.Range(0, 200).Select(i => (i < 100 ? i < 20 : i < 170) ? 1f : 0f).ToArray();
        using var trees = GradientBoostedTrees.Train(x, 200, 1, y, null, new BoostingSettings { Rounds = 1, Leaves = 2, Threads = 1 });

        var paths = trees.PathContributions([0f, 1f], 2);

        // Then both rows share the root's value, and x's contributions differ by the two leaves' gap, 0.2 × 25 / 24.75,
        // with opposite signs around the root
        Assert.Equal(paths[1], paths[3], 12);
        Assert.Equal(0.2 * 25 / 24.75, paths[2] - paths[0], 6);
        Assert.True(paths[0] < 0 && paths[2] > 0);
    }

    [Fact]
    public void ModelText_RoundTrips_ToTheSameScores()
    {
        var x = Enumerable.Range(0, 400).Select(i => (float)(i % 37)).ToArray();
        var y = Enumerable.Range(0, 400).Select(i => i % 37 > 18 == (i % 5 != 0) ? 1f : 0f).ToArray();
        using var trees = GradientBoostedTrees.Train(x, 400, 1, y, null, new BoostingSettings { Rounds = 10, Leaves = 4, MinimumRowsPerLeaf = 5, Threads = 1 });

        using var again = GradientBoostedTrees.FromModelText(trees.ToModelText());

        Assert.Equal(trees.RawScores(x, 400), again.RawScores(x, 400));
    }

    [Fact]
    public void Train_MismatchedLabels_ClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => GradientBoostedTrees.Train(new float[10], 5, 2, new float[4], null, new BoostingSettings()));

        Assert.Contains("4 labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromModelText_Garbage_ReportsLightGbmsReason()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GradientBoostedTrees.FromModelText("not a model"));

        Assert.StartsWith("LightGBM BoosterLoadModelFromString failed: ", error.Message, StringComparison.Ordinal);
    }
}
