using System.Globalization;
using System.Runtime.CompilerServices;

namespace Segmenta.Core.Clustering;

/// <summary>
/// Internal validity measures for a clustering (silhouette, Davies–Bouldin), the elbow curve and
/// the choice of k. Distances are Euclidean in the units given (normally z-scores).
/// </summary>
public static class ClusterQuality
{
    /// <summary>
    /// The mean silhouette (Rousseeuw 1987): for point i, a(i) is its mean distance to the other
    /// points of its cluster, b(i) the smallest mean distance to the points of another cluster, and
    /// s(i) = (b − a) / max(a, b) (0 for a point alone in its cluster). Exact up to
    /// <see cref="SilhouetteOptions.MaxExactPoints"/> points, otherwise on a seeded sample.
    /// </summary>
    /// <param name="points">The points.</param>
    /// <param name="labels">Cluster of each point (any integers, one per row).</param>
    /// <param name="options">Exact limit, sample size and seed; null for the defaults.</param>
    /// <returns>The mean silhouette and whether it was sampled.</returns>
    /// <exception cref="SegmentaInputException">Label count differs from the rows, or the points
    /// used do not form at least 2 and at most n − 1 clusters.</exception>
    public static SilhouetteResult Silhouette(FeatureMatrix points, IReadOnlyList<int> labels, SilhouetteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new SilhouetteOptions();
        options.Validate();
        CheckLabels(points, labels);
        var sample = SampleIndices(points.RowCount, options);
        var mean = SilhouetteOn(points.Data, points.ColumnCount, labels, sample);
        return new SilhouetteResult(mean, sample.Length < points.RowCount, sample.Length);
    }

    /// <summary>
    /// The Davies–Bouldin index (1979): with S_i the mean distance of cluster i's points to its
    /// centroid and M_ij the distance between centroids i and j, DB = (1/k) Σ_i max_{j≠i}
    /// (S_i + S_j) / M_ij. Lower is better; 0 is the minimum. Clusters are the distinct labels;
    /// two clusters with the same centroid give +∞.
    /// </summary>
    /// <param name="points">The points.</param>
    /// <param name="labels">Cluster of each point (any integers).</param>
    /// <returns>The index.</returns>
    /// <exception cref="SegmentaInputException">Fewer than two clusters, or label count differs from rows.</exception>
    public static double DaviesBouldin(FeatureMatrix points, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(points);
        CheckLabels(points, labels);
        return DaviesBouldinCore(points.Data, points.RowCount, points.ColumnCount, labels);
    }

    /// <summary>
    /// Inertia of k-means for every k from <paramref name="kMin"/> to <paramref name="kMax"/>
    /// (the "elbow" is where adding a cluster stops paying off).
    /// </summary>
    /// <param name="points">The points.</param>
    /// <param name="kMin">Smallest k, at least 1.</param>
    /// <param name="kMax">Largest k, at least kMin and at most the number of points.</param>
    /// <param name="kmeans">Restarts, iterations, seed (its K is ignored); null for the defaults.</param>
    /// <returns>One point per k, ascending.</returns>
    public static IReadOnlyList<ElbowPoint> ElbowCurve(FeatureMatrix points, int kMin = 2, int kMax = 10, KMeansOptions? kmeans = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        CheckRange(points.RowCount, kMin, kMax, minimum: 1);
        kmeans ??= new KMeansOptions();
        var curve = new List<ElbowPoint>();
        for (var k = kMin; k <= kMax; k++)
        {
            var fit = KMeans.Fit(points, kmeans with { K = k });
            curve.Add(new ElbowPoint(k, fit.Inertia));
        }
        return curve;
    }

    /// <summary>
    /// Fits k-means for every k in [kMin, kMax] and picks the k with the highest mean silhouette
    /// (computed on the same seeded sample for every k when n is above the exact limit); a tie goes
    /// to the smaller k. Inertia and Davies–Bouldin are reported for every k as well.
    /// </summary>
    /// <param name="points">The points (normally z-scores).</param>
    /// <param name="kMin">Smallest k, at least 2. Default 2.</param>
    /// <param name="kMax">Largest k, at least kMin and below the number of points. Default 10.</param>
    /// <param name="kmeans">Restarts, iterations, seed (its K is ignored); null for the defaults.</param>
    /// <param name="silhouette">Silhouette sampling; null for the defaults.</param>
    /// <returns>The chosen k, all candidates and the k-means result for the chosen k.</returns>
    /// <exception cref="SegmentaInputException">An invalid k range.</exception>
    public static ChooseKResult ChooseK(FeatureMatrix points, int kMin = 2, int kMax = 10,
        KMeansOptions? kmeans = null, SilhouetteOptions? silhouette = null) =>
        ChooseK(points, points, kMin, kMax, kmeans, silhouette);

    /// <summary>
    /// As <see cref="ChooseK(FeatureMatrix, int, int, KMeansOptions?, SilhouetteOptions?)"/>, but the
    /// centroids of every k are fitted on <paramref name="fitOn"/> only, every row of
    /// <paramref name="points"/> is then placed at its nearest centroid (<see cref="KMeans.AssignNearest"/>),
    /// and inertia, silhouette and Davies–Bouldin are measured on <paramref name="points"/> — e.g. to
    /// learn clusters from well-observed customers and judge them on everyone.
    /// </summary>
    /// <param name="points">The points scored (normally z-scores).</param>
    /// <param name="fitOn">The points the centroids are fitted on, with the same columns (may be <paramref name="points"/>).</param>
    /// <param name="kMin">Smallest k, at least 2.</param>
    /// <param name="kMax">Largest k, at least kMin, at most the rows of <paramref name="fitOn"/> and below the rows of <paramref name="points"/>.</param>
    /// <param name="kmeans">Restarts, iterations, seed (its K is ignored); null for the defaults.</param>
    /// <param name="silhouette">Silhouette sampling; null for the defaults.</param>
    /// <returns>The chosen k, all candidates and the k-means result (on <paramref name="fitOn"/>) for the chosen k.</returns>
    /// <exception cref="SegmentaInputException">An invalid k range or different columns.</exception>
    public static ChooseKResult ChooseK(FeatureMatrix points, FeatureMatrix fitOn, int kMin, int kMax,
        KMeansOptions? kmeans = null, SilhouetteOptions? silhouette = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(fitOn);
        if (fitOn.ColumnCount != points.ColumnCount)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the points fitted on have {fitOn.ColumnCount} features, the points scored {points.ColumnCount}"));
        }
        CheckRange(points.RowCount, kMin, kMax, minimum: 2);
        CheckRange(fitOn.RowCount, kMin, kMax, minimum: 2);
        if (kMax >= points.RowCount)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the largest k ({kMax}) must be below the number of points ({points.RowCount}) for the silhouette"));
        }
        kmeans ??= new KMeansOptions();
        silhouette ??= new SilhouetteOptions();
        silhouette.Validate();
        var sample = SampleIndices(points.RowCount, silhouette);
        var candidates = new List<KCandidate>();
        KMeansResult? best = null;
        var bestScore = double.NegativeInfinity;
        for (var k = kMin; k <= kMax; k++)
        {
            var fit = KMeans.Fit(fitOn, kmeans with { K = k });
            var labels = ReferenceEquals(fitOn, points) ? fit.Labels : KMeans.AssignNearest(points, fit.Centroids);
            var inertia = ReferenceEquals(fitOn, points) ? fit.Inertia : KMeans.Inertia(points, labels, fit.Centroids);
            var score = SilhouetteOn(points.Data, points.ColumnCount, labels, sample, allowOneCluster: true);
            var db = DaviesBouldinCore(points.Data, points.RowCount, points.ColumnCount, labels, allowOneCluster: true);
            candidates.Add(new KCandidate(k, inertia, score, db));
            if (best is null || score > bestScore + 1e-12)
            {
                best = fit;
                bestScore = score;
            }
        }
        return new ChooseKResult(best!.K, candidates, best, sample.Length < points.RowCount);
    }

    private static void CheckRange(int n, int kMin, int kMax, int minimum)
    {
        if (kMin < minimum)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the smallest k must be at least {minimum}; got {kMin}"));
        }
        if (kMax < kMin)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the largest k ({kMax}) is below the smallest ({kMin})"));
        }
        if (kMax > n)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the largest k ({kMax}) is larger than the number of points ({n})"));
        }
    }

    private static void CheckLabels(FeatureMatrix points, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != points.RowCount)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"{labels.Count} labels for {points.RowCount} points"));
        }
    }

    /// <summary>All rows when n ≤ the exact limit, else a seeded sample (partial Fisher–Yates), sorted.</summary>
    internal static int[] SampleIndices(int n, SilhouetteOptions options)
    {
        var all = new int[n];
        for (var i = 0; i < n; i++)
        {
            all[i] = i;
        }
        if (n <= options.MaxExactPoints || n <= options.SampleSize)
        {
            return all;
        }
        var rng = new Random(options.Seed);
        var m = options.SampleSize;
        for (var i = 0; i < m; i++)
        {
            var j = rng.Next(i, n);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var sample = all.AsSpan(0, m).ToArray();
        Array.Sort(sample);
        return sample;
    }

    private static double SilhouetteOn(double[] data, int d, IReadOnlyList<int> labels, int[] sample, bool allowOneCluster = false)
    {
        var m = sample.Length;
        var clusterOf = new int[m];
        var index = new Dictionary<int, int>();
        for (var s = 0; s < m; s++)
        {
            var label = labels[sample[s]];
            if (!index.TryGetValue(label, out var c))
            {
                c = index.Count;
                index[label] = c;
            }
            clusterOf[s] = c;
        }
        var k = index.Count;
        if (k < 2 || k > m - 1)
        {
            if (allowOneCluster)
            {
                return 0.0;
            }
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the silhouette needs between 2 and n − 1 clusters among the {m} points scored; got {k}"));
        }
        var sizes = new int[k];
        foreach (var c in clusterOf)
        {
            sizes[c]++;
        }
        var scores = new double[m];
        Parallel.For(0, m, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (s) =>
        {
            var sums = new double[k];
            var x = data.AsSpan(sample[s] * d, d);
            for (var t = 0; t < m; t++)
            {
                if (t == s)
                {
                    continue;
                }
                var y = data.AsSpan(sample[t] * d, d);
                var dist = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var diff = x[j] - y[j];
                    dist += diff * diff;
                }
                sums[clusterOf[t]] += Math.Sqrt(dist);
            }
            var own = clusterOf[s];
            if (sizes[own] == 1)
            {
                scores[s] = 0.0;
                return;
            }
            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                if (c != own)
                {
                    b = Math.Min(b, sums[c] / sizes[c]);
                }
            }
            var denominator = Math.Max(a, b);
            scores[s] = denominator > 0 ? (b - a) / denominator : 0.0;
        });
        var total = 0.0;
        foreach (var score in scores)
        {
            total += score;
        }
        return total / m;
    }

    private static double DaviesBouldinCore(double[] data, int n, int d, IReadOnlyList<int> labels, bool allowOneCluster = false)
    {
        var index = new Dictionary<int, int>();
        var clusterOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (!index.TryGetValue(labels[i], out var c))
            {
                c = index.Count;
                index[labels[i]] = c;
            }
            clusterOf[i] = c;
        }
        var k = index.Count;
        if (k < 2)
        {
            if (allowOneCluster)
            {
                return double.PositiveInfinity;
            }
            throw new SegmentaInputException("the Davies–Bouldin index needs at least two clusters");
        }
        var centroids = new double[k * d];
        var sizes = new int[k];
        for (var i = 0; i < n; i++)
        {
            var c = clusterOf[i];
            sizes[c]++;
            for (var j = 0; j < d; j++)
            {
                centroids[(c * d) + j] += data[(i * d) + j];
            }
        }
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                centroids[(c * d) + j] /= sizes[c];
            }
        }
        var scatter = new double[k];
        for (var i = 0; i < n; i++)
        {
            var c = clusterOf[i];
            scatter[c] += Distance(data.AsSpan(i * d, d), centroids.AsSpan(c * d, d));
        }
        for (var c = 0; c < k; c++)
        {
            scatter[c] /= sizes[c];
        }
        var total = 0.0;
        for (var a = 0; a < k; a++)
        {
            var worst = 0.0;
            for (var b = 0; b < k; b++)
            {
                if (a == b)
                {
                    continue;
                }
                var separation = Distance(centroids.AsSpan(a * d, d), centroids.AsSpan(b * d, d));
                var ratio = separation > 0 ? (scatter[a] + scatter[b]) / separation : double.PositiveInfinity;
                worst = Math.Max(worst, ratio);
            }
            total += worst;
        }
        return total / k;
    }

    private static double Distance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            var diff = x[j] - y[j];
            sum += diff * diff;
        }
        return Math.Sqrt(sum);
    }
}
