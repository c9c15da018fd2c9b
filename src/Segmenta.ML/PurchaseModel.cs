using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Segmenta.Core;

namespace Segmenta.ML;

/// <summary>
/// Purchase probability: an ML.NET FastTree binary classifier (gradient-boosted trees) whose scores
/// are calibrated to probabilities by Platt scaling on the training rows (ML.NET's default for
/// FastTree). Seeded; with one thread (<see cref="PurchaseModelOptions.Threads"/>) bit-for-bit repeatable.
/// </summary>
public sealed class PurchaseModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly SchemaDefinition _schema;

    private PurchaseModel(MLContext ml, ITransformer model, SchemaDefinition schema, IReadOnlyList<string> featureNames, IReadOnlyList<(string Feature, double Gain)> importance)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
        FeatureNames = featureNames;
        Importance = importance;
    }

    /// <summary>Feature names in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Features by the trees' total split gain, largest first (what drives the scores overall).</summary>
    public IReadOnlyList<(string Feature, double Gain)> Importance { get; }

    /// <summary>Trains on <paramref name="rows"/>; throws when they fail the eligibility rules of <paramref name="options"/>.</summary>
    public static PurchaseModel Train(IReadOnlyList<FeatureRow> rows, IReadOnlyList<string> featureNames, PurchaseModelOptions options)
    {
        var positives = rows.Count(r => r.Label);
        var negatives = rows.Count - positives;
        if (positives < options.MinimumPositives || negatives < options.MinimumNegatives)
        {
            throw new SegmentaInputException(
                $"too little history for the purchase model: {positives} converting and {negatives} non-converting training rows; it needs at least {options.MinimumPositives} and {options.MinimumNegatives}");
        }
        var ml = new MLContext(seed: options.Seed);
        var schema = Schema(featureNames.Count);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new MlRow { Features = r.Features, Label = r.Label }), schema);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.NumberOfTrees,
            NumberOfLeaves = options.NumberOfLeaves,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
            NumberOfThreads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount,
            Seed = options.Seed,
        });
        var fitted = trainer.Fit(data);
        var weights = default(Microsoft.ML.Data.VBuffer<float>);
        fitted.Model.SubModel.GetFeatureWeights(ref weights);
        var gains = weights.DenseValues().ToArray();
        var importance = featureNames.Select((n, i) => (n, (double)gains[i])).Where(t => t.Item2 > 0).OrderByDescending(t => t.Item2).ToList();
        return new PurchaseModel(ml, fitted, schema, featureNames, importance);
    }

    /// <summary>Calibrated purchase probabilities for <paramref name="rows"/>, in order.</summary>
    public IReadOnlyList<double> Predict(IReadOnlyList<FeatureRow> rows)
    {
        var data = _ml.Data.LoadFromEnumerable(rows.Select(r => new MlRow { Features = r.Features, Label = r.Label }), _schema);
        var scored = _model.Transform(data);
        return scored.GetColumn<float>("Probability").Select(p => (double)p).ToList();
    }

    /// <summary>
    /// "Why this score": each row's <paramref name="top"/> features with the largest contribution to
    /// its (uncalibrated) tree score, largest absolute first. A contribution is the change in score
    /// from taking the opposite branch at every split on that feature (ML.NET's tree feature
    /// contributions), scaled so the row's contributions lie in [−1, 1]; positive raises the
    /// probability, negative lowers it.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<FeatureContribution>> Explain(IReadOnlyList<FeatureRow> rows, int top = 3)
    {
        if (_model is not ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> trees)
        {
            throw new InvalidOperationException("this model type has no feature contributions");
        }
        var data = _ml.Data.LoadFromEnumerable(rows.Select(r => new MlRow { Features = r.Features, Label = r.Label }), _schema);
        var explained = _ml.Transforms.CalculateFeatureContribution(trees, numberOfPositiveContributions: top, numberOfNegativeContributions: top, normalize: true)
            .Fit(data).Transform(data);
        var result = new List<IReadOnlyList<FeatureContribution>>(rows.Count);
        foreach (var vector in explained.GetColumn<float[]>("FeatureContributions"))
        {
            result.Add(vector.Select((c, i) => new FeatureContribution(FeatureNames[i], c)).Where(c => c.Contribution != 0)
                .OrderByDescending(c => Math.Abs(c.Contribution)).ThenBy(c => c.Feature, StringComparer.Ordinal).Take(top).ToList());
        }
        return result;
    }

    /// <summary>Saves the model (ML.NET zip) to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        var data = _ml.Data.LoadFromEnumerable(Array.Empty<MlRow>(), _schema);
        _ml.Model.Save(_model, data.Schema, path);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    public static PurchaseModel Load(string path, IReadOnlyList<string> featureNames)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(path, out _);
        return new PurchaseModel(ml, model, Schema(featureNames.Count), featureNames, []);
    }

    private static SchemaDefinition Schema(int features)
    {
        var schema = SchemaDefinition.Create(typeof(MlRow));
        schema[nameof(MlRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    private sealed class MlRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
