// Purchase-model speed on a synthetic matrix written by bench/scripts/gen_classification.py:
//   dotnet ModelBench.dll X.bin y.bin N D TREES LEAVES THREADS SCORE_ROWS
// trains Segmenta's PurchaseModel (FastTree + Platt) on N × D, then scores SCORE_ROWS rows (the matrix tiled),
// and prints one JSON line with the times (load time excluded).
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
if (args.Length > 8 && args[8] == "lightgbm")
{
    // The candidate replacement trainer, same rounds/leaves/threads, for the comparison in docs/benchmarks.md.
    var ml = new Microsoft.ML.MLContext(seed: 1);
    var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(LgbRow));
    schema[nameof(LgbRow.Features)].ColumnType = new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, d);
    var data = ml.Data.LoadFromEnumerable(rows.Select(r => new LgbRow { Features = r.Features, Label = r.Label }), schema);
    var lgbWatch = Stopwatch.StartNew();
    ml.BinaryClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmBinaryTrainer.Options
    {
        NumberOfIterations = trees, NumberOfLeaves = leaves, LearningRate = 0.1, MinimumExampleCountPerLeaf = 20, NumberOfThreads = threads,
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
var scoring = Enumerable.Range(0, scoreRows).Select(i => rows[i % n]).ToList();
watch.Restart();
var p = model.Predict(scoring);
var score = watch.Elapsed.TotalSeconds;
var auc = Segmenta.Core.Predictions.ClassifierMetrics.Evaluate(p.Take(n).ToList(), rows.Select(r => r.Label).ToList()).Auc;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"segmenta_train_seconds\": {train:0.00}, \"segmenta_score_seconds\": {score:0.00}, \"scored_rows\": {scoreRows}, \"train_auc\": {auc:0.0000}}}"));

internal sealed class LgbRow
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}
