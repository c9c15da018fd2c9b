using System.Text.Json;
using System.Text.Json.Serialization;
using Segmenta.Core;
using Segmenta.ML.Boosting;

namespace Segmenta.ML;

/// <summary>
/// Purchase probability: LightGBM gradient-boosted trees (binary log loss, native lib_lightgbm) whose
/// raw scores are calibrated to probabilities by Platt scaling fitted on the training rows. Seeded;
/// with one thread (<see cref="PurchaseModelOptions.Threads"/>) bit-for-bit repeatable.
/// </summary>
public sealed class PurchaseModel
{
    private const string Format = "segmenta-purchase-model/lightgbm-1";
    private readonly GradientBoostedTrees _trees;

    private PurchaseModel(GradientBoostedTrees trees, PlattCalibration calibration, IReadOnlyList<string> featureNames)
    {
        _trees = trees;
        Calibration = calibration;
        FeatureNames = featureNames;
        var gains = trees.GainImportance();
        Importance = featureNames.Select((n, i) => (n, gains[i])).Where(t => t.Item2 > 0).OrderByDescending(t => t.Item2).ThenBy(t => t.n, StringComparer.Ordinal).ToList();
    }

    /// <summary>Feature names in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Features by the trees' total split gain, largest first (what drives the scores overall).</summary>
    public IReadOnlyList<(string Feature, double Gain)> Importance { get; }

    /// <summary>The Platt scaling that turns the trees' raw score into the probability.</summary>
    public PlattCalibration Calibration { get; }

    /// <summary>Trains on <paramref name="rows"/>; throws when they fail the eligibility rules of <paramref name="options"/>.</summary>
    public static PurchaseModel Train(IReadOnlyList<FeatureRow> rows, IReadOnlyList<string> featureNames, PurchaseModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(options);
        var positives = rows.Count(r => r.Label);
        var negatives = rows.Count - positives;
        if (positives < options.MinimumPositives || negatives < options.MinimumNegatives)
        {
            throw new SegmentaInputException(
                $"too little history for the purchase model: {positives} converting and {negatives} non-converting training rows; it needs at least {options.MinimumPositives} and {options.MinimumNegatives}");
        }
        var matrix = Matrix(rows, featureNames.Count);
        var labels = rows.Select(r => r.Label ? 1f : 0f).ToArray();
        var trees = GradientBoostedTrees.Train(matrix, rows.Count, featureNames.Count, labels, null, new BoostingSettings
        {
            Rounds = options.NumberOfTrees,
            Leaves = options.NumberOfLeaves,
            LearningRate = options.LearningRate,
            MinimumRowsPerLeaf = options.MinimumExampleCountPerLeaf,
            Threads = options.Threads,
            Seed = options.Seed,
        }, out var trainingScores);
        var calibration = PlattCalibration.Fit(trainingScores, rows.Select(r => r.Label).ToList());
        return new PurchaseModel(trees, calibration, featureNames.ToList());
    }

    /// <summary>Calibrated purchase probabilities for <paramref name="rows"/>, in order.</summary>
    public IReadOnlyList<double> Predict(IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var probabilities = new double[rows.Count];
        foreach (var (start, count, matrix) in Chunks(rows))
        {
            var raw = _trees.RawScores(matrix, count);
            for (var i = 0; i < count; i++)
            {
                probabilities[start + i] = Calibration.Probability(raw[i]);
            }
        }
        return probabilities;
    }

    /// <summary>
    /// "Why this score": each row's <paramref name="top"/> features with the largest contribution to
    /// its (uncalibrated) tree score, largest absolute first. A contribution is the feature's path
    /// (Saabas) contribution — the value changes along each tree's decision path at its splits (the
    /// row's raw score is the trees' root values plus the sum of them) — divided by the
    /// row's largest absolute value so the row's contributions lie in [−1, 1]; positive raises the
    /// probability, negative lowers it.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<FeatureContribution>> Explain(IReadOnlyList<FeatureRow> rows, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var d = FeatureNames.Count;
        var result = new List<IReadOnlyList<FeatureContribution>>(rows.Count);
        foreach (var (_, count, matrix) in Chunks(rows))
        {
            var contributions = _trees.PathContributions(matrix, count);
            for (var r = 0; r < count; r++)
            {
                result.Add(Reasons(contributions.AsSpan(r * (d + 1), d), top));
            }
        }
        return result;
    }

    private List<FeatureContribution> Reasons(ReadOnlySpan<double> values, int top)
    {
        var largest = 0.0;
        foreach (var v in values)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }
        var row = new List<FeatureContribution>();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0)
            {
                row.Add(new FeatureContribution(FeatureNames[i], values[i] / largest));
            }
        }
        return row.OrderByDescending(c => Math.Abs(c.Contribution)).ThenBy(c => c.Feature, StringComparer.Ordinal).Take(top).ToList();
    }

    /// <summary>
    /// Saves the model to <paramref name="path"/>: one JSON document with the feature names, the Platt
    /// parameters and the trees in LightGBM's own text format.
    /// </summary>
    public void Save(string path)
    {
        var file = new ModelFile(Format, FeatureNames.ToList(), Calibration.A, Calibration.B, _trees.ToModelText());
        File.WriteAllText(path, JsonSerializer.Serialize(file, ModelFileJson.Default.ModelFile));
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    public static PurchaseModel Load(string path)
    {
        var file = JsonSerializer.Deserialize(File.ReadAllText(path), ModelFileJson.Default.ModelFile);
        if (file is null || file.Format != Format)
        {
            throw new SegmentaInputException($"{path}: not a Segmenta purchase model ({Format})");
        }
        var trees = GradientBoostedTrees.FromModelText(file.LightGbm, Environment.ProcessorCount);
        if (trees.FeatureCount != file.Features.Count)
        {
            throw new SegmentaInputException($"{path}: the trees read {trees.FeatureCount} features but the file names {file.Features.Count}");
        }
        return new PurchaseModel(trees, new PlattCalibration(file.PlattA, file.PlattB), file.Features);
    }

    // Scoring millions of people: the native matrix is built a chunk at a time, not for all rows at once.
    private IEnumerable<(int Start, int Count, float[] Matrix)> Chunks(IReadOnlyList<FeatureRow> rows)
    {
        const int chunk = 65_536;
        for (var start = 0; start < rows.Count; start += chunk)
        {
            var count = Math.Min(chunk, rows.Count - start);
            yield return (start, count, Matrix(rows, start, count, FeatureNames.Count));
        }
    }

    private static float[] Matrix(IReadOnlyList<FeatureRow> rows, int features) => Matrix(rows, 0, rows.Count, features);

    private static float[] Matrix(IReadOnlyList<FeatureRow> rows, int start, int count, int features)
    {
        var matrix = new float[(long)count * features];
        for (var r = 0; r < count; r++)
        {
            var values = rows[start + r].Features;
            if (values.Length != features)
            {
                throw new ArgumentException($"row {start + r} ({rows[start + r].PersonId}) has {values.Length} features, the model {features}");
            }
            values.CopyTo(matrix, (long)r * features);
        }
        return matrix;
    }

    internal sealed record ModelFile(string Format, List<string> Features, double PlattA, double PlattB, string LightGbm);
}

[JsonSerializable(typeof(PurchaseModel.ModelFile))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class ModelFileJson : JsonSerializerContext;
