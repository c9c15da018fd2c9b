namespace Segmenta.Core.Clustering;

/// <summary>
/// The leading principal components of a (standardised) feature matrix, for drawing customers on
/// two axes: eigenvectors of the covariance matrix (cyclic Jacobi rotations, exact for the small
/// feature counts used here), largest variance first, each signed so its largest loading is positive.
/// </summary>
public sealed class PrincipalComponents
{
    private readonly double[] _means;

    private PrincipalComponents(double[] means, IReadOnlyList<IReadOnlyList<double>> axes, IReadOnlyList<double> explained)
    {
        _means = means;
        Axes = axes;
        ExplainedVarianceRatio = explained;
    }

    /// <summary>The component axes (unit vectors, one weight per feature), largest variance first.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Axes { get; }

    /// <summary>Share of the total variance along each axis.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio { get; }

    /// <summary>Fits the first <paramref name="components"/> axes.</summary>
    /// <param name="points">At least two rows.</param>
    /// <param name="components">Axes wanted, 1..features. Default 2.</param>
    /// <returns>The fitted components.</returns>
    /// <exception cref="SegmentaInputException">Fewer than two rows or a bad component count.</exception>
    public static PrincipalComponents Fit(FeatureMatrix points, int components = 2)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.RowCount;
        var d = points.ColumnCount;
        if (n < 2 || components < 1 || components > d)
        {
            throw new SegmentaInputException(FormattableString.Invariant(
                $"principal components need at least 2 rows and 1..{d} components; got {n} rows, {components} components"));
        }
        var means = new double[d];
        for (var i = 0; i < n; i++)
        {
            var row = points.Row(i);
            for (var j = 0; j < d; j++)
            {
                means[j] += row[j] / n;
            }
        }
        var cov = new double[d, d];
        for (var i = 0; i < n; i++)
        {
            var row = points.Row(i);
            for (var a = 0; a < d; a++)
            {
                for (var b = a; b < d; b++)
                {
                    cov[a, b] += (row[a] - means[a]) * (row[b] - means[b]) / (n - 1);
                }
            }
        }
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < a; b++)
            {
                cov[a, b] = cov[b, a];
            }
        }
        var (values, vectors) = Jacobi(cov, d);
        var order = Enumerable.Range(0, d).OrderByDescending(i => values[i]).ToArray();
        var total = values.Sum(v => Math.Max(0, v));
        var axes = new List<IReadOnlyList<double>>();
        var explained = new List<double>();
        foreach (var c in order.Take(components))
        {
            var axis = Enumerable.Range(0, d).Select(j => vectors[j, c]).ToArray();
            var largest = axis.MaxBy(Math.Abs);
            if (largest < 0)
            {
                for (var j = 0; j < d; j++)
                {
                    axis[j] = -axis[j];
                }
            }
            axes.Add(axis);
            explained.Add(total > 0 ? Math.Max(0, values[c]) / total : 0);
        }
        return new PrincipalComponents(means, axes, explained);
    }

    /// <summary>The coordinates of one row on the axes.</summary>
    /// <param name="row">Feature values, in the fitted column order.</param>
    /// <returns>One coordinate per axis.</returns>
    public double[] Project(ReadOnlySpan<double> row)
    {
        var result = new double[Axes.Count];
        for (var c = 0; c < Axes.Count; c++)
        {
            for (var j = 0; j < row.Length; j++)
            {
                result[c] += (row[j] - _means[j]) * Axes[c][j];
            }
        }
        return result;
    }

    private static (double[] Values, double[,] Vectors) Jacobi(double[,] input, int d)
    {
        var a = (double[,])input.Clone();
        var v = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            v[i, i] = 1;
        }
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < d; p++)
            {
                for (var q = p + 1; q < d; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }
            if (off < 1e-24)
            {
                break;
            }
            for (var p = 0; p < d; p++)
            {
                for (var q = p + 1; q < d; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300)
                    {
                        continue;
                    }
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }
                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < d; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = (c * akp) - (s * akq);
                        a[k, q] = (s * akp) + (c * akq);
                    }
                    for (var k = 0; k < d; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = (c * apk) - (s * aqk);
                        a[q, k] = (s * apk) + (c * aqk);
                    }
                    for (var k = 0; k < d; k++)
                    {
                        var vkp = v[k, p];
                        var vkq = v[k, q];
                        v[k, p] = (c * vkp) - (s * vkq);
                        v[k, q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }
        return (Enumerable.Range(0, d).Select(i => a[i, i]).ToArray(), v);
    }
}
