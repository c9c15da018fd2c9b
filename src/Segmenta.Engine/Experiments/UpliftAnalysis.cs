using Segmenta.Core;
using Segmenta.Core.Experiments;
using Segmenta.ML.Uplift;
using Segmenta.Storage.External;

namespace Segmenta.Engine.Experiments;

/// <summary>
/// Uplift modelling on a randomised experiment (docs/experiments.md#uplift): a seeded holdout
/// (default 30 %) is set aside, the class-transformation model is trained on the rest, and the
/// holdout is ranked by predicted uplift. uplift@k = treated minus control outcome rate among the
/// top k of the holdout (sklift's 'overall' strategy), reported beside the average effect — the
/// same difference over the whole holdout — which is what targeting everyone would get.
/// </summary>
public static class UpliftAnalysis
{
    /// <summary>Trains and evaluates; throws <see cref="SegmentaInputException"/> on bad settings.</summary>
    public static UpliftResult Run(UpliftTable table, double holdout = 0.3, int seed = 1, int trees = 50, bool twoModel = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!(holdout > 0 && holdout < 1))
        {
            throw new SegmentaInputException($"--holdout must be in (0, 1), got {holdout.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        var random = new Random(seed);
        var isHoldout = table.Rows.Select(_ => random.NextDouble() < holdout).ToArray();
        var train = table.Rows.Where((_, i) => !isHoldout[i]).Select(r => (r.Treated, r.Outcome, r.Features)).ToList();
        var test = table.Rows.Where((_, i) => isHoldout[i]).ToList();
        if (train.Count(r => r.Treated) < 100 || train.Count(r => !r.Treated) < 100)
        {
            throw new SegmentaInputException($"too few customers to model uplift: {train.Count} training rows; each arm needs at least 100");
        }
        var model = twoModel ? UpliftModel.TrainTwoModel(train, trees, seed: seed) : UpliftModel.Train(train, trees, seed: seed);
        var scores = model.Predict(test.Select(r => r.Features).ToList());
        var observations = test.Select((r, i) => new UpliftObservation(r.Treated, r.Outcome, scores[i])).ToList();
        double Rate(bool treated) => test.Where(r => r.Treated == treated).Average(r => r.Outcome ? 1.0 : 0.0);
        return new UpliftResult(
            train.Count, test.Count, Rate(true) - Rate(false),
            UpliftMetrics.UpliftAtK(observations, 0.1), UpliftMetrics.UpliftAtK(observations, 0.3), UpliftMetrics.UpliftAtK(observations, 0.5),
            UpliftMetrics.QiniCoefficient(observations));
    }
}

/// <summary>Holdout evaluation of an uplift model.</summary>
/// <param name="TrainingRows">Customers the model learned from.</param>
/// <param name="HoldoutRows">Customers it was evaluated on.</param>
/// <param name="AverageEffect">Treated minus control outcome rate over the whole holdout.</param>
/// <param name="UpliftAt10">The same difference among the top 10 % by predicted uplift.</param>
/// <param name="UpliftAt30">… the top 30 %.</param>
/// <param name="UpliftAt50">… the top 50 %.</param>
/// <param name="Qini">Qini coefficient (sklift's qini_auc_score).</param>
public sealed record UpliftResult(int TrainingRows, int HoldoutRows, double AverageEffect, double UpliftAt10, double UpliftAt30, double UpliftAt50, double Qini);
