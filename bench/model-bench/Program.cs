// Purchase-model speed on a synthetic matrix written by bench/scripts/gen_classification.py:
//   dotnet ModelBench.dll X.bin y.bin N D TREES LEAVES THREADS SCORE_ROWS
// trains Segmenta's PurchaseModel (native LightGBM + Platt) on N × D, then scores SCORE_ROWS rows (the matrix
// tiled), and prints one JSON line with the times (load time excluded). A 9th argument picks an ML.NET trainer
// instead, for comparison: `fasttree` (the purchase model's trainer before LightGBM) or `mlnet-lightgbm`.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Segmenta.ML;

var n = int.Parse(args[2], CultureInfo.InvariantCulture);
var d = int.Parse(args[3], CultureInfo.InvariantCulture);
var trees = int.Parse(args[4], CultureInfo.InvariantCulture);
var leaves = int.Parse(args[5], CultureInfo.InvariantCulture);
var threads = int.Parse(args[6], CultureInfo.InvariantCulture);
var scoreRows = int.Parse(args[7], CultureInfo.InvariantCulture);
var x = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(args[0])).ToArray();
var y = File.ReadAllBytes(args[1]);
var rows = new FeatureRow[n];
for (var i = 0; i < n; i++)
{
    rows[i] = new FeatureRow("", x.AsSpan(i * d, d).ToArray(), y[i] == 1);
}
if (args.Length > 8 && args[8] == "fasttree")
{
    var ml = new Microsoft.ML.MLContext(seed: 1);
    var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(LgbRow));
    schema[nameof(LgbRow.Features)].ColumnType = new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, d);
    var data = ml.Data.LoadFromEnumerable(rows.Select(r => new LgbRow { Features = r.Features, Label = r.Label }), schema);
    var ftWatch = Stopwatch.StartNew();
    ml.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
    {
        NumberOfTrees = trees, NumberOfLeaves = leaves, LearningRate = 0.1, MinimumExampleCountPerLeaf = 20, NumberOfThreads = threads, Seed = 1,
    }).Fit(data);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"mlnet_fasttree_train_seconds\": {ftWatch.Elapsed.TotalSeconds:0.00}}}"));
    return;
}
if (args.Length > 8 && args[8] == "mlnet-lightgbm")
{
    // ML.NET's LightGBM trainer, same rounds/leaves/threads; EvaluationMetric None spares a metric per round.
    var ml = new Microsoft.ML.MLContext(seed: 1);
    var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(LgbRow));
    schema[nameof(LgbRow.Features)].ColumnType = new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, d);
    var data = ml.Data.LoadFromEnumerable(rows.Select(r => new LgbRow { Features = r.Features, Label = r.Label }), schema);
    var lgbWatch = Stopwatch.StartNew();
    ml.BinaryClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options
    {
        NumberOfIterations = trees, NumberOfLeaves = leaves, LearningRate = 0.1, MinimumExampleCountPerLeaf = 20, NumberOfThreads = threads,
        EvaluationMetric = args.Length > 9 && args[9] == "no-metric" ? Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options.EvaluateMetricType.None
            : Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options.EvaluateMetricType.Default,
    }).Fit(data);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"mlnet_lightgbm_train_seconds\": {lgbWatch.Elapsed.TotalSeconds:0.00}}}"));
    return;
}
var names = Enumerable.Range(0, d).Select(i => "f" + i.ToString(CultureInfo.InvariantCulture)).ToList();
var watch = Stopwatch.StartNew();
var model = PurchaseModel.Train(rows, names, new PurchaseModelOptions
{
    NumberOfTrees = trees, NumberOfLeaves = leaves, LearningRate = 0.1, MinimumExampleCountPerLeaf = 20, Threads = threads,
});
var train = watch.Elapsed.TotalSeconds;
var auc = Segmenta.Core.Predictions.ClassifierMetrics.Evaluate(model.Predict(rows), rows.Select(r => r.Label).ToList()).Auc;
var score = 0.0;
if (scoreRows > 0)
{
    var scoring = Enumerable.Range(0, scoreRows).Select(i => rows[i % n]).ToList();
    watch.Restart();
    model.Predict(scoring);
    score = watch.Elapsed.TotalSeconds;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"segmenta_train_seconds\": {train:0.00}, \"segmenta_score_seconds\": {score:0.00}, \"scored_rows\": {scoreRows}, \"train_auc\": {auc:0.0000}}}"));

internal sealed class LgbRow
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}
