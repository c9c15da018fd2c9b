namespace Segmenta.Core.Clustering;

/// <summary>
/// k-medoids (Kaufman &amp; Rousseeuw 1990): k real customers as centres, minimising the total
/// Euclidean (not squared) distance, so one extreme customer pulls a centre less than in k-means.
/// PAM on all points up to <see cref="KMedoidsOptions.PamMaxPoints"/>; CLARA above: PAM on seeded
/// samples, each sample's medoids scored on all points, the cheapest kept.
/// </summary>
public static class KMedoids
{
    /// <summary>Clusters the rows of <paramref name="points"/> around k medoids.</summary>
    /// <param name="points">The points (usually z-scores).</param>
    /// <param name="options">k, PAM/CLARA limits, seed; null for the defaults.</param>
    /// <returns>Labels, medoid rows, cost.</returns>
    /// <exception cref="SegmentaInputException">k &lt; 1 or larger than the number of points.</exception>
    public static KMedoidsResult Fit(FeatureMatrix points, KMedoidsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new KMedoidsOptions();
        var n = points.RowCount;
        options.Validate(n);
        if (n <= options.PamMaxPoints)
        {
            var all = Enumerable.Range(0, n).ToArray();
            var (medoids, swaps) = Pam(points, all, options.K);
            var (labels, cost) = Assign(points, medoids);
            return new KMedoidsResult(labels, medoids, cost, "pam", swaps);
        }
        var rng = new Random(options.Seed);
        var size = Math.Min(n, options.EffectiveSampleSize);
        KMedoidsResult? best = null;
        for (var s = 0; s < options.Samples; s++)
        {
            var sample = SampleRows(n, size, rng);
            var (local, swaps) = Pam(points, sample, options.K);
            var medoids = local.Select(m => sample[m]).ToArray();
            var (labels, cost) = Assign(points, medoids);
            if (best is null || cost < best.Cost)
            {
                best = new KMedoidsResult(labels, medoids, cost, "clara", swaps);
            }
        }
        return best!;
    }

    /// <summary>PAM BUILD then SWAP on the given rows; returns medoids as positions in <paramref name="rows"/>.</summary>
    private static (int[] Medoids, int Swaps) Pam(FeatureMatrix points, int[] rows, int k)
    {
        var m = rows.Length;
        var dist = new double[(long)m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = i + 1; j < m; j++)
            {
                var d = Distance(points.Row(rows[i]), points.Row(rows[j]));
                dist[((long)i * m) + j] = d;
                dist[((long)j * m) + i] = d;
            }
        }
        double D(int i, int j) => dist[((long)i * m) + j];

        // BUILD: the most central point first, then each time the point that lowers the total most.
        var isMedoid = new bool[m];
        var medoids = new List<int>(k);
        var nearest = new double[m];
        Array.Fill(nearest, double.PositiveInfinity);
        for (var c = 0; c < k; c++)
        {
            var bestGain = double.NegativeInfinity;
            var pick = -1;
            for (var h = 0; h < m; h++)
            {
                if (isMedoid[h])
                {
                    continue;
                }
                var gain = 0.0;
                for (var j = 0; j < m; j++)
                {
                    gain += c == 0 ? -D(h, j) : Math.Max(0, nearest[j] - D(h, j));
                }
                if (gain > bestGain + 1e-12)
                {
                    bestGain = gain;
                    pick = h;
                }
            }
            isMedoid[pick] = true;
            medoids.Add(pick);
            for (var j = 0; j < m; j++)
            {
                nearest[j] = Math.Min(nearest[j], D(pick, j));
            }
        }

        // SWAP: make the (medoid, non-medoid) exchange that lowers the total most, while any does.
        var swaps = 0;
        var first = new int[m];
        var dNear = new double[m];
        var dSecond = new double[m];
        while (true)
        {
            for (var j = 0; j < m; j++)
            {
                dNear[j] = double.PositiveInfinity;
                dSecond[j] = double.PositiveInfinity;
                for (var c = 0; c < k; c++)
                {
                    var d = D(medoids[c], j);
                    if (d < dNear[j])
                    {
                        dSecond[j] = dNear[j];
                        dNear[j] = d;
                        first[j] = c;
                    }
                    else if (d < dSecond[j])
                    {
                        dSecond[j] = d;
                    }
                }
            }
            var bestDelta = 0.0;
            var swapOut = -1;
            var swapIn = -1;
            for (var c = 0; c < k; c++)
            {
                for (var h = 0; h < m; h++)
                {
                    if (isMedoid[h])
                    {
                        continue;
                    }
                    var delta = 0.0;
                    for (var j = 0; j < m; j++)
                    {
                        var dh = D(h, j);
                        delta += first[j] == c ? Math.Min(dSecond[j], dh) - dNear[j] : Math.Min(0, dh - dNear[j]);
                    }
                    // A relative margin keeps rounding from swapping back and forth between equal costs.
                    if (delta < bestDelta - (1e-12 * (1 + Math.Abs(bestDelta))))
                    {
                        bestDelta = delta;
                        swapOut = c;
                        swapIn = h;
                    }
                }
            }
            if (swapOut < 0 || bestDelta > -1e-9)
            {
                break;
            }
            isMedoid[medoids[swapOut]] = false;
            isMedoid[swapIn] = true;
            medoids[swapOut] = swapIn;
            swaps++;
        }
        return ([.. medoids], swaps);
    }

    private static (int[] Labels, double Cost) Assign(FeatureMatrix points, IReadOnlyList<int> medoids)
    {
        var labels = new int[points.RowCount];
        var cost = 0.0;
        for (var i = 0; i < points.RowCount; i++)
        {
            var best = double.PositiveInfinity;
            for (var c = 0; c < medoids.Count; c++)
            {
                var d = Distance(points.Row(i), points.Row(medoids[c]));
                if (d < best)
                {
                    best = d;
                    labels[i] = c;
                }
            }
            cost += best;
        }
        return (labels, cost);
    }

    private static int[] SampleRows(int n, int size, Random rng)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < size; i++)
        {
            var j = rng.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var sample = order[..size];
        Array.Sort(sample);
        return sample;
    }

    internal static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var t = a[j] - b[j];
            s += t * t;
        }
        return Math.Sqrt(s);
    }
}
