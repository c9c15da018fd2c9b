using Microsoft.ML;
using Microsoft.ML.Data;

namespace Segmenta.ML.Uplift;

/// <summary>
/// Uplift learners on randomised data, both with ML.NET FastTree gradient-boosted trees (seeded,
/// one thread: repeatable).
/// <list type="bullet">
/// <item><b>Class transformation</b> (Jaskowski and Jaroszewicz 2012): z = 1 for treated customers
/// who converted and control customers who did not; uplift(x) = 2·P(z = 1 | x) − 1, with each arm
/// weighted to half so the identity holds whatever the arm sizes.</item>
/// <item><b>Two-model</b> (T-learner): one classifier per arm; uplift(x) = P(y | x, treated) − P(y | x, control).</item>
/// </list>
/// </summary>
public sealed class UpliftModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly ITransformer? _control;
    private readonly SchemaDefinition _schema;

    private UpliftModel(MLContext ml, ITransformer model, ITransformer? control, SchemaDefinition schema)
    {
        _ml = ml;
        _model = model;
        _control = control;
        _schema = schema;
    }

    /// <summary>Trains the two-model learner: separate outcome models for the treated and the control rows.</summary>
    public static UpliftModel TrainTwoModel(IReadOnlyList<(bool Treated, bool Outcome, float[] Features)> rows, int trees = 100, int leaves = 16, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ml = new MLContext(seed: seed);
        var schema = Schema(rows[0].Features.Length);
        ITransformer Fit(bool treated) => Trainer(ml, trees, leaves, seed, weighted: false).Fit(ml.Data.LoadFromEnumerable(
            rows.Where(r => r.Treated == treated).Select(r => new Row { Features = r.Features, Label = r.Outcome }), schema));
        return new UpliftModel(ml, Fit(true), Fit(false), schema);
    }

    /// <summary>Trains the class-transformation learner on (treated, outcome, features) rows.</summary>
    public static UpliftModel Train(IReadOnlyList<(bool Treated, bool Outcome, float[] Features)> rows, int trees = 100, int leaves = 16, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var treatedShare = rows.Count(r => r.Treated) / (double)rows.Count;
        var ml = new MLContext(seed: seed);
        var schema = Schema(rows[0].Features.Length);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Row
        {
            Features = r.Features,
            Label = r.Treated == r.Outcome,
            // Each arm weighs half, so 2·P(z) − 1 is the uplift even when the arms differ in size.
            Weight = (float)(r.Treated ? 0.5 / treatedShare : 0.5 / (1 - treatedShare)),
        }), schema);
        return new UpliftModel(ml, Trainer(ml, trees, leaves, seed, weighted: true).Fit(data), null, schema);
    }

    /// <summary>Predicted uplift (treated minus control outcome probability) per feature vector, in −1..1.</summary>
    public IReadOnlyList<double> Predict(IReadOnlyList<float[]> features)
    {
        var data = _ml.Data.LoadFromEnumerable(features.Select(f => new Row { Features = f }), _schema);
        var p = _model.Transform(data).GetColumn<float>("Probability").ToList();
        if (_control is null)
        {
            return p.Select(z => 2.0 * z - 1).ToList();
        }
        var control = _control.Transform(data).GetColumn<float>("Probability").ToList();
        return p.Select((t, i) => (double)t - control[i]).ToList();
    }

    private static Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer Trainer(MLContext ml, int trees, int leaves, int seed, bool weighted) =>
        ml.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = trees,
            NumberOfLeaves = leaves,
            LearningRate = 0.05,
            MinimumExampleCountPerLeaf = 100,
            ExampleWeightColumnName = weighted ? nameof(Row.Weight) : null,
            NumberOfThreads = 1,
            Seed = seed,
        });

    private static SchemaDefinition Schema(int features)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }

        public float Weight { get; set; } = 1;
    }
}
