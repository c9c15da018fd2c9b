using Segmenta.Core;
using Segmenta.Core.Predictions;
using Segmenta.ML;

namespace Segmenta.ML.Tests;

/// <summary>The LightGBM + Platt purchase model on seeded synthetic data with a known signal.</summary>
public sealed class PurchaseModelTests
{
    private static List<FeatureRow> Rows(int n, int seed)
    {
        // Purchase probability rises with feature 0 (logistic), feature 1 is noise.
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(i =>
        {
            var x = (float)(random.NextDouble() * 6 - 3);
            var noise = (float)random.NextDouble();
            var p = 1 / (1 + Math.Exp(-2 * x));
            return new FeatureRow($"c{i}", [x, noise], random.NextDouble() < p);
        }).ToList();
    }

    [Fact]
    public void Train_KnownSignal_RecoversOracleAucAndRanksSignalFirst()
    {
        // Given 4,000 training and 4,000 validation rows from the same logistic story
        var train = Rows(4_000, 1);
        var test = Rows(4_000, 2);

        // When trained and applied
        var model = PurchaseModel.Train(train, ["signal", "noise"], new PurchaseModelOptions { NumberOfTrees = 50, Threads = 1 });
        var p = model.Predict(test);
        var e = ClassifierMetrics.Evaluate(p, test.Select(r => r.Label).ToList());

        // Then its AUC is within 0.02 of the oracle's (the true probabilities), and the signal matters most
        var oracle = ClassifierMetrics.Evaluate(test.Select(r => 1 / (1 + Math.Exp(-2 * r.Features[0]))).ToList(), test.Select(r => r.Label).ToList());
        Assert.InRange(e.Auc, oracle.Auc - 0.02, oracle.Auc + 0.01);
        Assert.Equal("signal", model.Importance[0].Feature);
        Assert.True(e.ExpectedCalibrationError < 0.05, $"ECE {e.ExpectedCalibrationError}");
    }

    [Fact]
    public void Train_OneThreadTwice_BitForBitAndSavedModelScoresTheSame()
    {
        var train = Rows(3_000, 3);
        var test = Rows(500, 4);
        var options = new PurchaseModelOptions { NumberOfTrees = 40, Threads = 1 };

        var first = PurchaseModel.Train(train, ["signal", "noise"], options);
        var second = PurchaseModel.Train(train, ["signal", "noise"], options);
        using var temp = new Segmenta.Testing.TempFolder("segmenta-model-");
        var path = System.IO.Path.Combine(temp.Path, "purchase-model.lightgbm.json");
        first.Save(path);
        var loaded = PurchaseModel.Load(path);

        // Same data, same seed, one thread: identical probabilities; the saved file reproduces them and the reasons
        Assert.Equal(first.Predict(test), second.Predict(test));
        Assert.Equal(first.Predict(test), loaded.Predict(test));
        Assert.Equal(first.Calibration, loaded.Calibration);
        Assert.Equal(first.Explain(test).SelectMany(r => r), loaded.Explain(test).SelectMany(r => r));
    }

    [Fact]
    public void Explain_ScaledPerPersonToPlusMinusOne_SignalFirst()
    {
        var model = PurchaseModel.Train(Rows(3_000, 5), ["signal", "noise"], new PurchaseModelOptions { NumberOfTrees = 40, Threads = 1 });
        var people = Rows(300, 6);

        var reasons = model.Explain(people, top: 2);

        // Every person's largest reason is ±1 (the scaling), the rest in [−1, 1]; a strongly positive signal value
        // pushes up and a strongly negative one down
        Assert.All(reasons, r => Assert.Equal(1, Math.Abs(r[0].Contribution), 12));
        Assert.All(reasons.SelectMany(r => r), c => Assert.InRange(c.Contribution, -1, 1));
        for (var i = 0; i < people.Count; i++)
        {
            if (Math.Abs(people[i].Features[0]) > 1.5)
            {
                Assert.Equal("signal", reasons[i][0].Feature);
                Assert.Equal(Math.Sign(people[i].Features[0]), Math.Sign(reasons[i][0].Contribution));
            }
        }
    }

    [Fact]
    public void Train_TooFewPositives_ThrowsEligibilityError()
    {
        var rows = Enumerable.Range(0, 500).Select(i => new FeatureRow($"c{i}", [i, 0], i < 10)).ToList();

        var error = Assert.Throws<SegmentaInputException>(() => PurchaseModel.Train(rows, ["a", "b"], new PurchaseModelOptions()));

        Assert.StartsWith("too little history for the purchase model: 10 converting and 490 non-converting", error.Message, StringComparison.Ordinal);
    }
}
