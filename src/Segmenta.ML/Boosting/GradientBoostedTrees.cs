using System.Globalization;
using System.Text;

namespace Segmenta.ML.Boosting;

/// <summary>
/// A trained LightGBM binary classifier (native lib_lightgbm through its C API). Training frees its
/// dataset and training booster and keeps a booster re-read from the saved model text, so what is
/// scored is exactly what <see cref="ToModelText"/> stores. Feature matrices are row-major float32.
/// </summary>
public sealed class GradientBoostedTrees : IDisposable
{
    // Rows per native prediction call: bounds the copy of a large scoring set.
    private const int ChunkRows = 65_536;
    private readonly BoosterHandle _booster;
    private readonly int _threads;
    private TreePaths? _paths;

    private GradientBoostedTrees(BoosterHandle booster, int features, int threads)
    {
        _booster = booster;
        FeatureCount = features;
        _threads = threads;
    }

    /// <summary>Number of feature columns the model reads.</summary>
    public int FeatureCount { get; }

    /// <summary>Trains on <paramref name="rows"/> × <see cref="FeatureCount"/> values; labels are 0/1, weights optional (one per row).</summary>
    public static GradientBoostedTrees Train(float[] matrix, int rows, int features, float[] labels, float[]? weights, BoostingSettings settings) =>
        Train(matrix, rows, features, labels, weights, settings, out _);

    /// <summary>
    /// Trains as <see cref="Train(float[], int, int, float[], float[], BoostingSettings)"/> and also returns the
    /// training rows' raw scores as boosting left them (what a calibration fits on, without scoring the rows again).
    /// </summary>
    public static unsafe GradientBoostedTrees Train(float[] matrix, int rows, int features, float[] labels, float[]? weights, BoostingSettings settings, out double[] trainingScores)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(settings);
        if ((long)rows * features != matrix.Length || labels.Length != rows || (weights is not null && weights.Length != rows))
        {
            throw new ArgumentException($"matrix of {matrix.Length} values, {labels.Length} labels and {weights?.Length} weights do not fit {rows} rows × {features} features");
        }
        DatasetHandle dataset;
        fixed (float* x = matrix)
        {
            LightGbmNative.Check(LightGbmNative.LGBM_DatasetCreateFromMat(x, LightGbmNative.Float32, rows, features, 1, settings.DatasetParameters, 0, out dataset), "DatasetCreateFromMat");
        }
        using (dataset)
        {
            fixed (float* y = labels)
            {
                LightGbmNative.Check(LightGbmNative.LGBM_DatasetSetField(dataset, "label", y, rows, LightGbmNative.Float32), "DatasetSetField(label)");
            }
            if (weights is not null)
            {
                fixed (float* w = weights)
                {
                    LightGbmNative.Check(LightGbmNative.LGBM_DatasetSetField(dataset, "weight", w, rows, LightGbmNative.Float32), "DatasetSetField(weight)");
                }
            }
            LightGbmNative.Check(LightGbmNative.LGBM_BoosterCreate(dataset, settings.BoosterParameters, out var training), "BoosterCreate");
            using (training)
            {
                for (var round = 0; round < settings.Rounds; round++)
                {
                    LightGbmNative.Check(LightGbmNative.LGBM_BoosterUpdateOneIter(training, out _), "BoosterUpdateOneIter");
                }
                trainingScores = TrainingScores(training, rows);
                return FromModelText(ModelText(training), settings.ThreadCount);
            }
        }
    }

    /// <summary>Reads a model written by <see cref="ToModelText"/> (LightGBM's own text format).</summary>
    public static GradientBoostedTrees FromModelText(string model, int threads = 1)
    {
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterLoadModelFromString(model, out _, out var booster), "BoosterLoadModelFromString");
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterGetNumFeature(booster, out var features), "BoosterGetNumFeature");
        return new GradientBoostedTrees(booster, features, Math.Max(1, threads));
    }

    /// <summary>The model in LightGBM's text format (readable by any LightGBM, e.g. <c>lightgbm.Booster(model_str=…)</c>).</summary>
    public string ToModelText() => ModelText(_booster);

    /// <summary>Raw scores (log-odds, before any calibration), one per row.</summary>
    public double[] RawScores(float[] matrix, int rows) => Predict(matrix, rows, LightGbmNative.PredictRawScore, 1);

    /// <summary>
    /// TreeSHAP contributions to the raw score: per row <see cref="FeatureCount"/> values, then the
    /// expected score (they sum to the raw score).
    /// </summary>
    public double[] Contributions(float[] matrix, int rows) => Predict(matrix, rows, LightGbmNative.PredictContributions, FeatureCount + 1);

    /// <summary>
    /// Path (Saabas) contributions to the raw score: per row <see cref="FeatureCount"/> values, then the
    /// sum of the trees' root values (together they sum to the raw score). Cheap enough for every
    /// customer; <see cref="Contributions"/> is the exact TreeSHAP, at about depth² the cost.
    /// </summary>
    public double[] PathContributions(float[] matrix, int rows)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if ((long)rows * FeatureCount != matrix.Length)
        {
            throw new ArgumentException($"{matrix.Length} values do not fit {rows} rows × {FeatureCount} features");
        }
        _paths ??= TreePaths.Parse(ToModelText());
        return _paths.Contributions(matrix, rows, FeatureCount);
    }

    /// <summary>Total split gain per feature, in column order.</summary>
    public unsafe double[] GainImportance()
    {
        var gains = new double[FeatureCount];
        fixed (double* g = gains)
        {
            LightGbmNative.Check(LightGbmNative.LGBM_BoosterFeatureImportance(_booster, 0, LightGbmNative.ImportanceGain, g), "BoosterFeatureImportance");
        }
        return gains;
    }

    /// <inheritdoc />
    public void Dispose() => _booster.Dispose();

    private unsafe double[] Predict(float[] matrix, int rows, int type, int perRow)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if ((long)rows * FeatureCount != matrix.Length)
        {
            throw new ArgumentException($"{matrix.Length} values do not fit {rows} rows × {FeatureCount} features");
        }
        var result = new double[(long)rows * perRow];
        var parameters = string.Create(CultureInfo.InvariantCulture, $"num_threads={_threads} verbosity=-1");
        fixed (float* x = matrix)
        fixed (double* r = result)
        {
            for (var start = 0; start < rows; start += ChunkRows)
            {
                var count = Math.Min(ChunkRows, rows - start);
                LightGbmNative.Check(LightGbmNative.LGBM_BoosterPredictForMat(_booster, x + ((long)start * FeatureCount), LightGbmNative.Float32, count, FeatureCount, 1,
                    type, 0, -1, parameters, out var written, r + ((long)start * perRow)), "BoosterPredictForMat");
                if (written != (long)count * perRow)
                {
                    throw new InvalidOperationException($"LightGBM returned {written} values for {count} rows, expected {(long)count * perRow}");
                }
            }
        }
        return result;
    }

    private static unsafe double[] TrainingScores(BoosterHandle training, int rows)
    {
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterGetNumPredict(training, 0, out var length), "BoosterGetNumPredict");
        if (length != rows)
        {
            throw new InvalidOperationException($"LightGBM holds {length} training scores for {rows} rows");
        }
        var scores = new double[rows];
        fixed (double* s = scores)
        {
            LightGbmNative.Check(LightGbmNative.LGBM_BoosterGetPredict(training, 0, out _, s), "BoosterGetPredict");
        }
        // LightGBM hands them out as probabilities (its sigmoid applied); back to log-odds, kept finite.
        for (var i = 0; i < rows; i++)
        {
            var p = Math.Clamp(scores[i], 1e-15, 1 - 1e-15);
            scores[i] = Math.Log(p / (1 - p));
        }
        return scores;
    }

    private static unsafe string ModelText(BoosterHandle booster)
    {
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterSaveModelToString(booster, 0, -1, LightGbmNative.ImportanceGain, 0, out var length, null), "BoosterSaveModelToString");
        var buffer = new byte[length];
        fixed (byte* b = buffer)
        {
            LightGbmNative.Check(LightGbmNative.LGBM_BoosterSaveModelToString(booster, 0, -1, LightGbmNative.ImportanceGain, length, out length, b), "BoosterSaveModelToString");
        }
        // The text ends with a NUL terminator.
        return Encoding.UTF8.GetString(buffer, 0, (int)length - 1);
    }
}
