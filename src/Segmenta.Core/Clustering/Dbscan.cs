using System.Globalization;

namespace Segmenta.Core.Clustering;

/// <summary>
/// DBSCAN (Ester, Kriegel, Sander &amp; Xu 1996) by brute force, O(n²) distances: for small
/// populations only (at most <see cref="MaxPoints"/>). Clusters are grown from core points in row
/// order; a border point reachable from two clusters joins the first. Deterministic.
/// </summary>
public static class Dbscan
{
    /// <summary>Largest input accepted: 20,000 points.</summary>
    public const int MaxPoints = 20_000;

    private const int Unvisited = -2;
    private const int Noise = -1;

    /// <summary>Clusters the rows of <paramref name="points"/>; noise gets label −1.</summary>
    /// <param name="points">The points (normally z-scores).</param>
    /// <param name="options">Eps (or null to suggest), minimum points, eps rule; null for the defaults.</param>
    /// <returns>Labels, cluster and noise counts, and the eps used.</returns>
    /// <exception cref="SegmentaInputException">More than 20,000 points or an invalid option.</exception>
    public static DbscanResult Fit(FeatureMatrix points, DbscanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new DbscanOptions();
        options.Validate(points.RowCount);
        var suggested = options.Eps is null;
        var eps = options.Eps ?? SuggestEps(points, options.MinPoints, options.EpsRule);
        var n = points.RowCount;
        var d = points.ColumnCount;
        var data = points.Data;
        var epsSquared = eps * eps;
        var labels = new int[n];
        Array.Fill(labels, Unvisited);
        var cluster = -1;
        var cores = 0;
        var queue = new Queue<int>();
        var neighbours = new List<int>();
        for (var p = 0; p < n; p++)
        {
            if (labels[p] != Unvisited)
            {
                continue;
            }
            Neighbours(data, n, d, p, epsSquared, neighbours);
            if (neighbours.Count < options.MinPoints)
            {
                labels[p] = Noise;
                continue;
            }
            cores++;
            cluster++;
            labels[p] = cluster;
            foreach (var q in neighbours)
            {
                queue.Enqueue(q);
            }
            while (queue.Count > 0)
            {
                var q = queue.Dequeue();
                if (labels[q] == Noise)
                {
                    labels[q] = cluster; // border point first marked as noise
                    continue;
                }
                if (labels[q] != Unvisited)
                {
                    continue;
                }
                labels[q] = cluster;
                Neighbours(data, n, d, q, epsSquared, neighbours);
                if (neighbours.Count >= options.MinPoints)
                {
                    cores++;
                    foreach (var r in neighbours)
                    {
                        if (labels[r] == Unvisited || labels[r] == Noise)
                        {
                            queue.Enqueue(r);
                        }
                    }
                }
            }
        }
        var noise = 0;
        foreach (var label in labels)
        {
            if (label == Noise)
            {
                noise++;
            }
        }
        return new DbscanResult(labels, cluster + 1, noise, cores, eps, suggested);
    }

    /// <summary>
    /// Suggests eps from the k-distance curve: for every point the distance to its
    /// (minPoints − 1)-th nearest other point (the smallest eps that makes it a core point),
    /// sorted ascending; eps is read off by <paramref name="rule"/>.
    /// </summary>
    /// <param name="points">The points.</param>
    /// <param name="minPoints">DBSCAN's minimum points (itself included), at least 2.</param>
    /// <param name="rule">Knee (default) or median.</param>
    /// <returns>The suggested eps; 1e-12 when the curve is all zeros (points coincide).</returns>
    /// <exception cref="SegmentaInputException">More than 20,000 points or minPoints out of range.</exception>
    public static double SuggestEps(FeatureMatrix points, int minPoints = 5, EpsRule rule = EpsRule.Knee)
    {
        ArgumentNullException.ThrowIfNull(points);
        new DbscanOptions { MinPoints = minPoints }.Validate(points.RowCount);
        var curve = KDistances(points, minPoints - 1);
        var eps = rule == EpsRule.Median ? Median(curve) : Knee(curve);
        return eps > 0 ? eps : 1e-12;
    }

    /// <summary>
    /// The sorted k-distance curve: each point's distance to its k-th nearest other point, ascending.
    /// </summary>
    /// <param name="points">The points (at most 20,000).</param>
    /// <param name="k">Neighbour rank, 1 ≤ k &lt; n.</param>
    /// <returns>n distances, ascending.</returns>
    public static IReadOnlyList<double> KDistanceCurve(FeatureMatrix points, int k)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.RowCount > MaxPoints)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the k-distance curve compares every pair of points and is limited to {MaxPoints:N0} points; got {points.RowCount:N0}"));
        }
        if (k < 1 || k >= points.RowCount)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the neighbour rank k must be between 1 and n − 1 = {points.RowCount - 1}; got {k}"));
        }
        return KDistances(points, k);
    }

    private static double[] KDistances(FeatureMatrix points, int k)
    {
        var n = points.RowCount;
        var d = points.ColumnCount;
        var data = points.Data;
        var result = new double[n];
        if (k < 1)
        {
            return result;
        }
        Parallel.For(0, n, () => new double[k], (i, _, nearest) =>
        {
            // nearest: the k smallest squared distances so far, kept sorted ascending.
            Array.Fill(nearest, double.PositiveInfinity);
            var x = data.AsSpan(i * d, d);
            for (var t = 0; t < n; t++)
            {
                if (t == i)
                {
                    continue;
                }
                var y = data.AsSpan(t * d, d);
                var dist = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var diff = x[j] - y[j];
                    dist += diff * diff;
                }
                if (dist < nearest[k - 1])
                {
                    var pos = k - 1;
                    while (pos > 0 && nearest[pos - 1] > dist)
                    {
                        nearest[pos] = nearest[pos - 1];
                        pos--;
                    }
                    nearest[pos] = dist;
                }
            }
            result[i] = Math.Sqrt(nearest[k - 1]);
            return nearest;
        }, _ => { });
        Array.Sort(result);
        return result;
    }

    private static double Median(double[] sorted)
    {
        var m = sorted.Length;
        return m % 2 == 1 ? sorted[m / 2] : (sorted[(m / 2) - 1] + sorted[m / 2]) / 2;
    }

    private static double Knee(double[] sorted)
    {
        var m = sorted.Length;
        if (m < 3)
        {
            return sorted[m - 1];
        }
        var low = sorted[0];
        var range = sorted[m - 1] - low;
        if (!(range > 0))
        {
            return sorted[m - 1];
        }
        // Scaled: x = i/(m−1), y = (v − low)/range; the chord is y = x. Farthest below it wins
        // (the first on a tie).
        var best = m - 1;
        var bestGap = 0.0;
        for (var i = 0; i < m; i++)
        {
            var x = (double)i / (m - 1);
            var y = (sorted[i] - low) / range;
            var gap = x - y;
            if (gap > bestGap)
            {
                bestGap = gap;
                best = i;
            }
        }
        return sorted[best];
    }

    private static void Neighbours(double[] data, int n, int d, int p, double epsSquared, List<int> into)
    {
        into.Clear();
        var x = data.AsSpan(p * d, d);
        for (var t = 0; t < n; t++)
        {
            var y = data.AsSpan(t * d, d);
            var dist = 0.0;
            for (var j = 0; j < d; j++)
            {
                var diff = x[j] - y[j];
                dist += diff * diff;
            }
            if (dist <= epsSquared)
            {
                into.Add(t);
            }
        }
    }
}
