using Microsoft.ML;
using Microsoft.ML.Data;

namespace Segmenta.ML.Uplift;

/// <summary>
/// Uplift by class transformation (Jaskowski and Jaroszewicz 2012): with treatment assigned at
/// random, z = 1 for treated customers who converted and control customers who did not; then
/// uplift(x) = P(y | x, treated) − P(y | x, control) = 2·P(z = 1 | x) − 1 when both arms are the
/// same size, and in general z is weighted so each arm counts half. P(z | x) comes from ML.NET
/// FastTree gradient-boosted trees (seeded, one thread: repeatable).
/// </summary>
public sealed class UpliftModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly SchemaDefinition _schema;

    private UpliftModel(MLContext ml, ITransformer model, SchemaDefinition schema)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
    }

    /// <summary>Trains on (treated, outcome, features) rows.</summary>
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
        var trainer = ml.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = trees,
            NumberOfLeaves = leaves,
            LearningRate = 0.05,
            MinimumExampleCountPerLeaf = 100,
            ExampleWeightColumnName = nameof(Row.Weight),
            NumberOfThreads = 1,
            Seed = seed,
        });
        return new UpliftModel(ml, trainer.Fit(data), schema);
    }

    /// <summary>Predicted uplift (treated minus control outcome probability) per feature vector, in −1..1.</summary>
    public IReadOnlyList<double> Predict(IReadOnlyList<float[]> features)
    {
        var data = _ml.Data.LoadFromEnumerable(features.Select(f => new Row { Features = f }), _schema);
        return _model.Transform(data).GetColumn<float>("Probability").Select(p => 2.0 * p - 1).ToList();
    }

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
