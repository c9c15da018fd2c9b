using System.Numerics;
using System.Runtime.CompilerServices;

namespace Segmenta.Core.Clustering;

/// <summary>
/// k-means by Lloyd's algorithm with k-means++ seeding (Arthur &amp; Vassilvitskii 2007) and
/// several restarts. Deterministic for a given <see cref="KMeansOptions.Seed"/>: randomness comes
/// only from <see cref="System.Random"/>, and parallel work is split into fixed chunks whose
/// partial sums are added in chunk order.
/// </summary>
public static class KMeans
{
    private const int ChunkSize = 8192;

    /// <summary>Clusters the rows of <paramref name="points"/> into k groups.</summary>
    /// <param name="points">The points (usually <see cref="StandardizedFeatures.Matrix"/>).</param>
    /// <param name="options">k, restarts, iterations, tolerance, seed; null for the defaults.</param>
    /// <returns>Labels, centroids, inertia and iterations of the best run.</returns>
    /// <exception cref="SegmentaInputException">k &lt; 1, k larger than the number of points, or
    /// another invalid option.</exception>
    public static KMeansResult Fit(FeatureMatrix points, KMeansOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new KMeansOptions();
        return FitCore(points.Data, points.RowCount, points.ColumnCount, options);
    }

    internal static KMeansResult FitCore(double[] data, int n, int d, KMeansOptions options)
    {
        options.Validate(n);
        var k = options.K;
        var tolerance = options.Tolerance * MeanVariance(data, n, d);
        var master = new Random(options.Seed);
        var runSeeds = new int[options.Restarts];
        for (var r = 0; r < runSeeds.Length; r++)
        {
            runSeeds[r] = master.Next();
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var work = new Workspace(n, d, k);
        Run? best = null;
        var inertias = new double[options.Restarts];
        for (var r = 0; r < runSeeds.Length; r++)
        {
            var run = RunOnce(data, n, d, k, options.MaxIterations, tolerance, new Random(runSeeds[r]), parallel, work);
            inertias[r] = run.Inertia;
            if (best is null || run.Inertia < best.Inertia)
            {
                best = run;
            }
        }
        var centroids = new IReadOnlyList<double>[k];
        for (var c = 0; c < k; c++)
        {
            centroids[c] = best!.Centroids.AsSpan(c * d, d).ToArray();
        }
        return new KMeansResult(best!.Labels, centroids, best.Sizes, best.Inertia, best.Iterations, best.Converged, inertias);
    }

    private sealed record Run(int[] Labels, double[] Centroids, int[] Sizes, double Inertia, int Iterations, bool Converged);

    private sealed class Workspace(int n, int d, int k)
    {
        public int ChunkCount { get; } = (n + ChunkSize - 1) / ChunkSize;
        public double[] Distances { get; } = new double[n];
        public double[] ChunkSums { get; } = new double[((n + ChunkSize - 1) / ChunkSize) * k * d];
        public int[] ChunkCounts { get; } = new int[((n + ChunkSize - 1) / ChunkSize) * k];
        public double[] ChunkInertia { get; } = new double[(n + ChunkSize - 1) / ChunkSize];
        public int[] ChunkChanged { get; } = new int[(n + ChunkSize - 1) / ChunkSize];
    }

    private static Run RunOnce(double[] data, int n, int d, int k, int maxIterations, double tolerance,
        Random rng, ParallelOptions parallel, Workspace work)
    {
        var centroids = SeedPlusPlus(data, n, d, k, rng, parallel, work);
        var labels = new int[n];
        Array.Fill(labels, -1);
        var sizes = new int[k];
        var next = new double[k * d];
        var iterations = 0;
        var converged = false;
        double inertia;
        while (true)
        {
            iterations++;
            var changed = Assign(data, n, d, k, centroids, labels, parallel, work, out inertia);
            if (changed == 0)
            {
                converged = true;
                ReduceSizes(k, work, sizes);
                break;
            }
            if (iterations >= maxIterations)
            {
                ReduceSizes(k, work, sizes);
                break;
            }
            // Update: centroid = mean of its points, summed chunk by chunk in chunk order.
            Array.Clear(next);
            Array.Clear(sizes);
            for (var ch = 0; ch < work.ChunkCount; ch++)
            {
                var sumOffset = ch * k * d;
                for (var c = 0; c < k; c++)
                {
                    sizes[c] += work.ChunkCounts[(ch * k) + c];
                }
                for (var t = 0; t < k * d; t++)
                {
                    next[t] += work.ChunkSums[sumOffset + t];
                }
            }
            var taken = new HashSet<int>();
            for (var c = 0; c < k; c++)
            {
                if (sizes[c] > 0)
                {
                    for (var j = 0; j < d; j++)
                    {
                        next[(c * d) + j] /= sizes[c];
                    }
                }
                else
                {
                    // Empty cluster: move it to the point farthest from its centroid.
                    var far = FarthestPoint(work.Distances, taken);
                    taken.Add(far);
                    Array.Copy(data, (long)far * d, next, c * d, d);
                }
            }
            var shift = 0.0;
            for (var t = 0; t < k * d; t++)
            {
                var delta = next[t] - centroids[t];
                shift += delta * delta;
            }
            (centroids, next) = (next, centroids);
            if (shift <= tolerance)
            {
                // Converged by movement: a last assignment so labels and inertia match the centroids.
                iterations++;
                Assign(data, n, d, k, centroids, labels, parallel, work, out inertia);
                ReduceSizes(k, work, sizes);
                converged = true;
                break;
            }
        }
        return new Run(labels, centroids, sizes, inertia, iterations, converged);
    }

    private static void ReduceSizes(int k, Workspace work, int[] sizes)
    {
        Array.Clear(sizes);
        for (var ch = 0; ch < work.ChunkCount; ch++)
        {
            for (var c = 0; c < k; c++)
            {
                sizes[c] += work.ChunkCounts[(ch * k) + c];
            }
        }
    }

    private static int FarthestPoint(double[] distances, HashSet<int> taken)
    {
        var best = -1;
        var bestDistance = double.NegativeInfinity;
        for (var i = 0; i < distances.Length; i++)
        {
            if (distances[i] > bestDistance && !taken.Contains(i))
            {
                bestDistance = distances[i];
                best = i;
            }
        }
        return best < 0 ? 0 : best;
    }

    /// <summary>Assigns each point to its nearest centroid; fills per-chunk sums, counts, inertia.</summary>
    private static int Assign(double[] data, int n, int d, int k, double[] centroids, int[] labels,
        ParallelOptions parallel, Workspace work, out double inertia)
    {
        // Centroids transposed and padded to whole vectors: lane c of group g holds centroid
        // g·W + c, so W distances are accumulated at once (each lane sums over features in order,
        // exactly like the scalar loop, so results do not depend on the vector width).
        var width = Vector<double>.Count;
        var groups = (k + width - 1) / width;
        var padded = groups * width;
        var transposed = new double[d * padded];
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                transposed[(j * padded) + c] = centroids[(c * d) + j];
            }
        }
        Parallel.For(0, work.ChunkCount, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (ch) =>
        {
            var start = ch * ChunkSize;
            var end = Math.Min(n, start + ChunkSize);
            var sums = work.ChunkSums.AsSpan(ch * k * d, k * d);
            var counts = work.ChunkCounts.AsSpan(ch * k, k);
            sums.Clear();
            counts.Clear();
            var chunkInertia = 0.0;
            var changed = 0;
            for (var i = start; i < end; i++)
            {
                var x = data.AsSpan(i * d, d);
                var best = 0;
                var bestDistance = double.PositiveInfinity;
                for (var g = 0; g < groups; g++)
                {
                    var acc = Vector<double>.Zero;
                    var offset = g * width;
                    for (var j = 0; j < d; j++)
                    {
                        var diff = new Vector<double>(transposed, (j * padded) + offset) - new Vector<double>(x[j]);
                        acc += diff * diff;
                    }
                    var lanes = Math.Min(width, k - offset);
                    for (var lane = 0; lane < lanes; lane++)
                    {
                        var dist = acc[lane];
                        if (dist < bestDistance)
                        {
                            bestDistance = dist;
                            best = offset + lane;
                        }
                    }
                }
                if (labels[i] != best)
                {
                    labels[i] = best;
                    changed++;
                }
                work.Distances[i] = bestDistance;
                chunkInertia += bestDistance;
                counts[best]++;
                var sum = sums.Slice(best * d, d);
                for (var j = 0; j < d; j++)
                {
                    sum[j] += x[j];
                }
            }
            work.ChunkInertia[ch] = chunkInertia;
            work.ChunkChanged[ch] = changed;
        });
        inertia = 0.0;
        var totalChanged = 0;
        for (var ch = 0; ch < work.ChunkCount; ch++)
        {
            inertia += work.ChunkInertia[ch];
            totalChanged += work.ChunkChanged[ch];
        }
        return totalChanged;
    }

    /// <summary>
    /// Greedy k-means++ (as scikit-learn): the first centre is a uniformly random point; for each
    /// next centre, 2 + ⌊ln k⌋ candidates are drawn with probability proportional to their squared
    /// distance to the nearest centre so far, and the candidate that most lowers the total of
    /// those squared distances is kept (the first drawn on a tie).
    /// </summary>
    private static double[] SeedPlusPlus(double[] data, int n, int d, int k, Random rng,
        ParallelOptions parallel, Workspace work)
    {
        var centroids = new double[k * d];
        var first = rng.Next(n);
        Array.Copy(data, (long)first * d, centroids, 0, d);
        var minDistance = work.Distances;
        Array.Fill(minDistance, double.PositiveInfinity);
        var chunkTotals = work.ChunkInertia;
        var trials = 2 + (int)Math.Log(k);
        var candidateTotals = new double[work.ChunkCount * trials];
        UpdateNearest(data, n, d, centroids.AsSpan(0, d).ToArray(), minDistance, chunkTotals, parallel, work.ChunkCount);
        for (var c = 1; c < k; c++)
        {
            var grand = 0.0;
            for (var ch = 0; ch < work.ChunkCount; ch++)
            {
                grand += chunkTotals[ch];
            }
            // Draw all candidates first, then score them in one pass over the data.
            var candidates = new int[trials];
            var candidatePoints = new double[trials * d];
            for (var t = 0; t < trials; t++)
            {
                candidates[t] = Draw(minDistance, chunkTotals, grand, n, work.ChunkCount, rng);
                Array.Copy(data, (long)candidates[t] * d, candidatePoints, t * d, d);
            }
            Potentials(data, n, d, candidatePoints, trials, minDistance, candidateTotals, parallel, work.ChunkCount);
            var best = -1;
            var bestPotential = double.PositiveInfinity;
            for (var t = 0; t < trials; t++)
            {
                var potential = 0.0;
                for (var ch = 0; ch < work.ChunkCount; ch++)
                {
                    potential += candidateTotals[(ch * trials) + t];
                }
                if (best < 0 || potential < bestPotential)
                {
                    best = candidates[t];
                    bestPotential = potential;
                }
            }
            Array.Copy(data, (long)best * d, centroids, c * d, d);
            UpdateNearest(data, n, d, centroids.AsSpan(c * d, d).ToArray(), minDistance, chunkTotals, parallel, work.ChunkCount);
        }
        return centroids;
    }

    /// <summary>
    /// Stores min(minDistance[i], ‖x_i − centre‖²) in minDistance and its per-chunk sums in totals.
    /// </summary>
    private static void UpdateNearest(double[] data, int n, int d, double[] centre, double[] minDistance,
        double[] totals, ParallelOptions parallel, int chunkCount)
    {
        Parallel.For(0, chunkCount, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (ch) =>
        {
            var start = ch * ChunkSize;
            var end = Math.Min(n, start + ChunkSize);
            var total = 0.0;
            for (var i = start; i < end; i++)
            {
                var x = data.AsSpan(i * d, d);
                var dist = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var diff = x[j] - centre[j];
                    dist += diff * diff;
                }
                var nearest = Math.Min(dist, minDistance[i]);
                minDistance[i] = nearest;
                total += nearest;
            }
            totals[ch] = total;
        });
    }

    /// <summary>
    /// For each of <paramref name="count"/> candidate centres, per chunk, Σ min(minDistance[i], ‖x_i − candidate‖²)
    /// into totals[chunk · count + candidate].
    /// </summary>
    private static void Potentials(double[] data, int n, int d, double[] candidates, int count, double[] minDistance,
        double[] totals, ParallelOptions parallel, int chunkCount)
    {
        // Candidates transposed and padded to whole vectors, as in the assignment step.
        var width = Vector<double>.Count;
        var groups = (count + width - 1) / width;
        var padded = groups * width;
        var transposed = new double[d * padded];
        for (var t = 0; t < count; t++)
        {
            for (var j = 0; j < d; j++)
            {
                transposed[(j * padded) + t] = candidates[(t * d) + j];
            }
        }
        Parallel.For(0, chunkCount, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (ch) =>
        {
            var start = ch * ChunkSize;
            var end = Math.Min(n, start + ChunkSize);
            var chunkTotals = totals.AsSpan(ch * count, count);
            chunkTotals.Clear();
            for (var i = start; i < end; i++)
            {
                var x = data.AsSpan(i * d, d);
                var current = minDistance[i];
                for (var g = 0; g < groups; g++)
                {
                    var acc = Vector<double>.Zero;
                    var offset = g * width;
                    for (var j = 0; j < d; j++)
                    {
                        var diff = new Vector<double>(transposed, (j * padded) + offset) - new Vector<double>(x[j]);
                        acc += diff * diff;
                    }
                    var lanes = Math.Min(width, count - offset);
                    for (var lane = 0; lane < lanes; lane++)
                    {
                        chunkTotals[offset + lane] += Math.Min(acc[lane], current);
                    }
                }
            }
        });
    }

    /// <summary>Draws a point with probability proportional to its squared distance (D² sampling).</summary>
    private static int Draw(double[] minDistance, double[] chunkTotals, double grand, int n, int chunkCount, Random rng)
    {
        if (!(grand > 0))
        {
            // Every point coincides with a centre (fewer distinct points than k).
            return rng.Next(n);
        }
        var target = rng.NextDouble() * grand;
        var acc = 0.0;
        for (var ch = 0; ch < chunkCount; ch++)
        {
            if (acc + chunkTotals[ch] < target && ch < chunkCount - 1)
            {
                acc += chunkTotals[ch];
                continue;
            }
            var start = ch * ChunkSize;
            var end = Math.Min(n, start + ChunkSize);
            for (var i = start; i < end; i++)
            {
                acc += minDistance[i];
                if (acc >= target && minDistance[i] > 0)
                {
                    return i;
                }
            }
        }
        // Rounding left the target just above the running sum: take the last point with weight.
        return LastPositive(minDistance);
    }

    private static int LastPositive(double[] values)
    {
        for (var i = values.Length - 1; i >= 0; i--)
        {
            if (values[i] > 0)
            {
                return i;
            }
        }
        return 0;
    }

    internal static double MeanVariance(double[] data, int n, int d)
    {
        var total = 0.0;
        for (var j = 0; j < d; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += data[(i * d) + j];
            }
            var mean = sum / n;
            var ss = 0.0;
            for (var i = 0; i < n; i++)
            {
                var dev = data[(i * d) + j] - mean;
                ss += dev * dev;
            }
            total += ss / n;
        }
        return total / d;
    }
}
