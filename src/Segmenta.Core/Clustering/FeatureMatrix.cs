using System.Globalization;

namespace Segmenta.Core.Clustering;

/// <summary>
/// Per-customer features for clustering: one row per customer (identified by an id), one column
/// per named feature. Values are stored row-major in one flat array; every value is finite
/// (checked on construction), so the algorithms never see NaN or infinity.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly string[] _ids;
    private readonly string[] _featureNames;

    /// <summary>Creates the matrix from one array of feature values per customer.</summary>
    /// <param name="ids">Customer ids, one per row.</param>
    /// <param name="featureNames">Feature names, one per column, distinct (ordinal).</param>
    /// <param name="rows">One row per customer, each with one value per feature.</param>
    /// <exception cref="SegmentaInputException">Empty input, mismatched lengths, duplicate feature
    /// names, or a NaN/infinite value (the message names the customer and feature).</exception>
    public FeatureMatrix(IReadOnlyList<string> ids, IReadOnlyList<string> featureNames, IReadOnlyList<double[]> rows)
        : this(ids, featureNames, Flatten(featureNames, rows), copy: false)
    {
    }

    private FeatureMatrix(IReadOnlyList<string> ids, IReadOnlyList<string> featureNames, double[] values, bool copy)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(values);
        if (featureNames.Count == 0)
        {
            throw new SegmentaInputException("clustering needs at least one feature; got none");
        }
        if (ids.Count == 0)
        {
            throw new SegmentaInputException("clustering needs at least one customer; the input is empty");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in featureNames)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new SegmentaInputException("every feature needs a name; got an empty one");
            }
            if (!seen.Add(name))
            {
                throw new SegmentaInputException($"feature '{name}' is given twice");
            }
        }
        if (values.Length != (long)ids.Count * featureNames.Count)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"{ids.Count} customers × {featureNames.Count} features need {(long)ids.Count * featureNames.Count} values; got {values.Length}"));
        }
        _ids = [.. ids];
        _featureNames = [.. featureNames];
        Data = copy ? (double[])values.Clone() : values;
        RowCount = _ids.Length;
        ColumnCount = _featureNames.Length;
        for (var i = 0; i < Data.Length; i++)
        {
            if (!double.IsFinite(Data[i]))
            {
                var row = i / ColumnCount;
                var col = i % ColumnCount;
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                    $"feature '{_featureNames[col]}' of customer '{_ids[row]}' (row {row + 1}) is {Data[i]}; clustering needs finite numbers"));
            }
        }
    }

    /// <summary>
    /// Creates the matrix from values laid out row-major (customer 0's features, then customer 1's, …).
    /// The array is copied.
    /// </summary>
    /// <param name="ids">Customer ids, one per row.</param>
    /// <param name="featureNames">Feature names, one per column.</param>
    /// <param name="values">ids.Count × featureNames.Count values, row-major.</param>
    /// <returns>The matrix.</returns>
    public static FeatureMatrix FromRowMajor(IReadOnlyList<string> ids, IReadOnlyList<string> featureNames, double[] values) =>
        new(ids, featureNames, values, copy: true);

    /// <summary>Creates the matrix from one array per feature (each with one value per customer).</summary>
    /// <param name="ids">Customer ids, one per row.</param>
    /// <param name="featureNames">Feature names, one per column.</param>
    /// <param name="columns">One column per feature, each ids.Count long.</param>
    /// <returns>The matrix.</returns>
    public static FeatureMatrix FromColumns(IReadOnlyList<string> ids, IReadOnlyList<string> featureNames, IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != featureNames.Count)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"{featureNames.Count} feature names but {columns.Count} columns"));
        }
        var n = ids.Count;
        var d = columns.Count;
        var values = new double[(long)n * d];
        for (var j = 0; j < d; j++)
        {
            if (columns[j].Length != n)
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                    $"feature '{featureNames[j]}' has {columns[j].Length} values for {n} customers"));
            }
            for (var i = 0; i < n; i++)
            {
                values[(i * d) + j] = columns[j][i];
            }
        }
        return new FeatureMatrix(ids, featureNames, values, copy: false);
    }

    internal static FeatureMatrix Wrap(IReadOnlyList<string> ids, IReadOnlyList<string> featureNames, double[] values) =>
        new(ids, featureNames, values, copy: false);

    /// <summary>Row-major values; never exposed for writing outside the library.</summary>
    internal double[] Data { get; }

    /// <summary>Number of customers (rows).</summary>
    public int RowCount { get; }

    /// <summary>Number of features (columns).</summary>
    public int ColumnCount { get; }

    /// <summary>Customer ids, in row order.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Feature names, in column order.</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>The value of one feature for one customer.</summary>
    /// <param name="row">Row (customer) index.</param>
    /// <param name="column">Column (feature) index.</param>
    public double this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
            return Data[(row * ColumnCount) + column];
        }
    }

    /// <summary>The features of one customer, in column order.</summary>
    /// <param name="row">Row (customer) index.</param>
    /// <returns>A read-only view of the row.</returns>
    public ReadOnlySpan<double> Row(int row) => Data.AsSpan(row * ColumnCount, ColumnCount);

    /// <summary>The column index of a feature (ordinal name match).</summary>
    /// <param name="featureName">The feature name.</param>
    /// <returns>The column index.</returns>
    /// <exception cref="SegmentaInputException">No feature has that name.</exception>
    public int IndexOf(string featureName)
    {
        var index = Array.IndexOf(_featureNames, featureName);
        if (index < 0)
        {
            throw new SegmentaInputException(
                $"there is no feature '{featureName}'; the features are {string.Join(", ", _featureNames)}");
        }
        return index;
    }

    /// <summary>
    /// A seeded uniform sample of rows without replacement (partial Fisher–Yates with
    /// System.Random(seed)), kept in row order — e.g. to run <see cref="ClusterQuality.ChooseK(FeatureMatrix, FeatureMatrix, int, int, KMeansOptions?, SilhouetteOptions?)"/> on
    /// 50,000 customers and then fit the chosen k on all. When size ≥ RowCount the matrix itself is returned.
    /// </summary>
    /// <param name="size">Rows wanted, at least 1.</param>
    /// <param name="seed">Seed for System.Random.</param>
    /// <returns>The sampled rows with their ids.</returns>
    public FeatureMatrix Sample(int size, int seed)
    {
        if (size < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"a sample needs at least one row; got {size}"));
        }
        if (size >= RowCount)
        {
            return this;
        }
        var order = new int[RowCount];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var rng = new Random(seed);
        for (var i = 0; i < size; i++)
        {
            var j = rng.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }
        Array.Sort(order, 0, size);
        var ids = new string[size];
        var values = new double[(long)size * ColumnCount];
        for (var s = 0; s < size; s++)
        {
            ids[s] = _ids[order[s]];
            Array.Copy(Data, (long)order[s] * ColumnCount, values, (long)s * ColumnCount, ColumnCount);
        }
        return Wrap(ids, _featureNames, values);
    }

    /// <summary>
    /// Standardises every feature to z-scores, z = (x′ − mean) / sd, where x′ = log(1 + x) for the
    /// columns named in <see cref="StandardizeOptions.LogColumns"/> and x′ = x otherwise.
    /// </summary>
    /// <param name="options">Log columns and population/sample sd; null for the defaults.</param>
    /// <returns>The z-score matrix with the means and sds needed to go back to original units.</returns>
    /// <exception cref="SegmentaInputException">A feature has no variance (named in the message), a
    /// log column has a value ≤ −1, or a log column is not a feature.</exception>
    public StandardizedFeatures Standardize(StandardizeOptions? options = null)
    {
        options ??= new StandardizeOptions();
        options.Validate();
        var n = RowCount;
        var d = ColumnCount;
        var log = new bool[d];
        foreach (var name in options.LogColumns)
        {
            log[IndexOf(name)] = true;
        }
        if (options.UseSampleStandardDeviation && n < 2)
        {
            throw new SegmentaInputException("the sample standard deviation needs at least two customers");
        }
        var z = new double[Data.Length];
        for (var i = 0; i < Data.Length; i++)
        {
            var x = Data[i];
            var j = i % d;
            if (log[j])
            {
                if (x <= -1)
                {
                    throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                        $"feature '{_featureNames[j]}' is log-transformed (log(1 + x)) but customer '{_ids[i / d]}' has {x}; values must be above -1"));
                }
                x = Math.Log(1 + x);
            }
            z[i] = x;
        }
        var means = new double[d];
        var sds = new double[d];
        for (var j = 0; j < d; j++)
        {
            // Two-pass (mean, then squared deviations) for accuracy on large, offset values.
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += z[(i * d) + j];
            }
            var mean = sum / n;
            var ss = 0.0;
            for (var i = 0; i < n; i++)
            {
                var dev = z[(i * d) + j] - mean;
                ss += dev * dev;
            }
            var variance = ss / (options.UseSampleStandardDeviation ? n - 1 : n);
            var sd = Math.Sqrt(variance);
            if (!(sd > 1e-12 * Math.Max(1.0, Math.Abs(mean))))
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                    $"feature '{_featureNames[j]}' has no variance (every customer has {mean}); drop it before clustering"));
            }
            means[j] = mean;
            sds[j] = sd;
        }
        for (var i = 0; i < z.Length; i++)
        {
            var j = i % d;
            z[i] = (z[i] - means[j]) / sds[j];
        }
        return new StandardizedFeatures(Wrap(_ids, _featureNames, z), means, sds, log);
    }

    private static double[] Flatten(IReadOnlyList<string> featureNames, IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(rows);
        var d = featureNames.Count;
        var values = new double[(long)rows.Count * d];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != d)
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                    $"row {i + 1} has {rows[i].Length} values for {d} features"));
            }
            Array.Copy(rows[i], 0, values, (long)i * d, d);
        }
        return values;
    }
}
