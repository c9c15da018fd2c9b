namespace Segmenta.Core.Clustering;

/// <summary>
/// Agglomerative clustering with Ward's criterion (each merge adds the least within-cluster sum of
/// squares), by the nearest-neighbour chain algorithm with Lance–Williams updates on squared
/// distances: O(m²) memory and time for m sampled points. The tree is cut at k clusters; points
/// outside the sample join the cluster with the nearest centroid.
/// </summary>
public static class Ward
{
    /// <summary>Clusters the rows of <paramref name="points"/> into k groups.</summary>
    /// <param name="points">The points (usually z-scores).</param>
    /// <param name="options">k, sample size, seed; null for the defaults.</param>
    /// <returns>Labels for every row, centroids and the sample tree's merge heights.</returns>
    /// <exception cref="SegmentaInputException">k &lt; 1 or larger than the number of points.</exception>
    public static WardResult Fit(FeatureMatrix points, WardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new WardOptions();
        var n = points.RowCount;
        var dim = points.ColumnCount;
        options.Validate(n);
        var rows = SampleRows(n, options.SampleSize, options.Seed);
        var m = rows.Length;
        var d2 = new double[(long)m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = i + 1; j < m; j++)
            {
                var d = KMedoids.Distance(points.Row(rows[i]), points.Row(rows[j]));
                d2[((long)i * m) + j] = d * d;
                d2[((long)j * m) + i] = d * d;
            }
        }
        var size = new int[m];
        Array.Fill(size, 1);
        var active = new bool[m];
        Array.Fill(active, true);
        var merges = new List<(double Height, int A, int B)>(m - 1);
        var chain = new List<int>();
        for (var remaining = m; remaining > 1;)
        {
            if (chain.Count == 0)
            {
                chain.Add(Array.IndexOf(active, true));
            }
            var a = chain[^1];
            var previous = chain.Count > 1 ? chain[^2] : -1;
            // Nearest active cluster to a; on a tie the previous chain element wins, so the chain ends.
            var b = previous;
            var best = previous >= 0 ? d2[((long)a * m) + previous] : double.PositiveInfinity;
            for (var c = 0; c < m; c++)
            {
                if (active[c] && c != a && d2[((long)a * m) + c] < best)
                {
                    best = d2[((long)a * m) + c];
                    b = c;
                }
            }
            if (b != previous)
            {
                chain.Add(b);
                continue;
            }
            chain.RemoveRange(chain.Count - 2, 2);
            var (keep, gone) = a < b ? (a, b) : (b, a);
            merges.Add((Math.Sqrt(Math.Max(0, best)), keep, gone));
            var t = size[keep] + size[gone];
            for (var c = 0; c < m; c++)
            {
                if (!active[c] || c == keep || c == gone)
                {
                    continue;
                }
                var updated = (((size[c] + size[keep]) * d2[((long)c * m) + keep]) + ((size[c] + size[gone]) * d2[((long)c * m) + gone])
                    - (size[c] * best)) / (size[c] + t);
                d2[((long)c * m) + keep] = updated;
                d2[((long)keep * m) + c] = updated;
            }
            size[keep] = t;
            active[gone] = false;
            remaining--;
        }

        // Cut: the m − k lowest merges (stable on ties) give the k clusters of the monotone Ward tree.
        var ordered = merges.Select((x, i) => (x.Height, x.A, x.B, i)).OrderBy(x => x.Height).ThenBy(x => x.i).ToList();
        var parent = Enumerable.Range(0, m).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }
        for (var s = 0; s < m - options.K; s++)
        {
            parent[Find(ordered[s].B)] = Find(ordered[s].A);
        }
        var number = new Dictionary<int, int>();
        var sampleLabels = new int[m];
        for (var i = 0; i < m; i++)
        {
            var root = Find(i);
            if (!number.TryGetValue(root, out var label))
            {
                label = number.Count;
                number[root] = label;
            }
            sampleLabels[i] = label;
        }
        var k = number.Count;
        var centroids = new double[k][];
        var counts = new int[k];
        for (var c = 0; c < k; c++)
        {
            centroids[c] = new double[dim];
        }
        for (var i = 0; i < m; i++)
        {
            var row = points.Row(rows[i]);
            counts[sampleLabels[i]]++;
            for (var j = 0; j < dim; j++)
            {
                centroids[sampleLabels[i]][j] += row[j];
            }
        }
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < dim; j++)
            {
                centroids[c][j] /= counts[c];
            }
        }
        // Everyone joins the nearest centroid; the sample keeps the clusters its tree gave it.
        var labels = KMeans.AssignNearest(points, centroids);
        for (var i = 0; i < m; i++)
        {
            labels[rows[i]] = sampleLabels[i];
        }
        return new WardResult(labels, centroids, m, merges.Select(x => x.Height).Order().ToList());
    }

    private static int[] SampleRows(int n, int size, int seed)
    {
        if (size >= n)
        {
            return Enumerable.Range(0, n).ToArray();
        }
        var order = Enumerable.Range(0, n).ToArray();
        var rng = new Random(seed);
        for (var i = 0; i < size; i++)
        {
            var j = rng.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var sample = order[..size];
        Array.Sort(sample);
        return sample;
    }
}
