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

    /// <summary>
    /// The nearest centroid of every row (squared Euclidean distance, summed over the features in
    /// order; the lower cluster number on a tie) — to place points that did not shape the centroids.
    /// </summary>
    /// <param name="points">The points, in the units of the centroids.</param>
    /// <param name="centroids">At least one centroid, each with one value per column.</param>
    /// <returns>A label per row, 0..k−1.</returns>
    /// <exception cref="SegmentaInputException">No centroid, or a centroid of another width.</exception>
    public static int[] AssignNearest(FeatureMatrix points, IReadOnlyList<IReadOnlyList<double>> centroids)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(centroids);
        var d = points.ColumnCount;
        if (centroids.Count == 0 || centroids.Any(c => c.Count != d))
        {
            throw new SegmentaInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"assigning needs at least one centroid with {d} values"));
        }
        var labels = new int[points.RowCount];
        for (var i = 0; i < labels.Length; i++)
        {
            var x = points.Row(i);
            var best = double.PositiveInfinity;
            for (var c = 0; c < centroids.Count; c++)
            {
                var dist = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var t = x[j] - centroids[c][j];
                    dist += t * t;
                }
                if (dist < best)
                {
                    best = dist;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    /// <summary>Σ over rows of the squared Euclidean distance to the centroid of the row's label.</summary>
    internal static double Inertia(FeatureMatrix points, IReadOnlyList<int> labels, IReadOnlyList<IReadOnlyList<double>> centroids)
    {
        var total = 0.0;
        for (var i = 0; i < points.RowCount; i++)
        {
            var x = points.Row(i);
            var c = centroids[labels[i]];
            for (var j = 0; j < x.Length; j++)
            {
                var t = x[j] - c[j];
                total += t * t;
            }
        }
        return total;
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
        public double[] Upper { get; } = new double[n];
        public double[] Lower { get; } = new double[n];
    }

    /// <summary>Centroid movements and half-distances for Hamerly's bounds in one iteration.</summary>
    private sealed record Movement(double[] Move, double[] Half, double LargestMove, int LargestMoveIndex, double SecondMove);

    private static Run RunOnce(double[] data, int n, int d, int k, int maxIterations, double tolerance,
        Random rng, ParallelOptions parallel, Workspace work)
    {
        var centroids = SeedPlusPlus(data, n, d, k, rng, parallel, work);
        var labels = new int[n];
        Array.Fill(labels, -1);
        var sizes = new int[k];
        var next = new double[k * d];
        var iterations = 1;
        var converged = false;
        var changed = Assign(data, n, d, k, centroids, labels, parallel, work, movement: null);
        var distancesExact = true;
        while (true)
        {
            if (changed == 0)
            {
                converged = true;
                break;
            }
            if (iterations >= maxIterations)
            {
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
            HashSet<int>? taken = null;
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
                    if (!distancesExact)
                    {
                        ExactInertia(data, n, d, centroids, labels, parallel, work);
                        distancesExact = true;
                    }
                    taken ??= [];
                    var far = FarthestPoint(work.Distances, taken);
                    taken.Add(far);
                    Array.Copy(data, (long)far * d, next, c * d, d);
                }
            }
            var shift = 0.0;
            var move = new double[k];
            for (var c = 0; c < k; c++)
            {
                var m = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var delta = next[(c * d) + j] - centroids[(c * d) + j];
                    m += delta * delta;
                }
                shift += m;
                move[c] = Math.Sqrt(m);
            }
            (centroids, next) = (next, centroids);
            iterations++;
            if (shift <= tolerance)
            {
                // Converged by movement: a last assignment so labels and inertia match the centroids.
                Assign(data, n, d, k, centroids, labels, parallel, work, movement: null);
                converged = true;
                break;
            }
            changed = Assign(data, n, d, k, centroids, labels, parallel, work, Movements(centroids, k, d, move));
            distancesExact = false;
        }
        ReduceSizes(k, work, sizes);
        var inertia = ExactInertia(data, n, d, centroids, labels, parallel, work);
        return new Run(labels, centroids, sizes, inertia, iterations, converged);
    }

    private static Movement Movements(double[] centroids, int k, int d, double[] move)
    {
        var half = new double[k];
        Array.Fill(half, double.PositiveInfinity);
        for (var a = 0; a < k; a++)
        {
            for (var b = a + 1; b < k; b++)
            {
                var s = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var delta = centroids[(a * d) + j] - centroids[(b * d) + j];
                    s += delta * delta;
                }
                var h = Math.Sqrt(s) / 2;
                half[a] = Math.Min(half[a], h);
                half[b] = Math.Min(half[b], h);
            }
        }
        var largest = -1.0;
        var largestIndex = -1;
        var second = 0.0;
        for (var c = 0; c < k; c++)
        {
            if (move[c] > largest)
            {
                second = Math.Max(largest, 0.0);
                largest = move[c];
                largestIndex = c;
            }
            else if (move[c] > second)
            {
                second = move[c];
            }
        }
        return new Movement(move, half, largest, largestIndex, second);
    }

    /// <summary>Σ ‖x_i − centroid(label_i)‖², per point into Distances, summed in chunk order.</summary>
    private static double ExactInertia(double[] data, int n, int d, double[] centroids, int[] labels,
        ParallelOptions parallel, Workspace work)
    {
        Parallel.For(0, work.ChunkCount, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (ch) =>
        {
            var start = ch * ChunkSize;
            var end = Math.Min(n, start + ChunkSize);
            var total = 0.0;
            for (var i = start; i < end; i++)
            {
                var x = data.AsSpan(i * d, d);
                var centroid = centroids.AsSpan(labels[i] * d, d);
                var dist = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var diff = centroid[j] - x[j];
                    dist += diff * diff;
                }
                work.Distances[i] = dist;
                total += dist;
            }
            work.ChunkInertia[ch] = total;
        });
        var inertia = 0.0;
        for (var ch = 0; ch < work.ChunkCount; ch++)
        {
            inertia += work.ChunkInertia[ch];
        }
        return inertia;
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

    /// <summary>
    /// Assigns each point to its nearest centroid and fills per-chunk sums and counts. Without
    /// <paramref name="movement"/> every distance is computed (and Upper/Lower set to the nearest and
    /// second-nearest distance). With it, Hamerly's (2010) bounds skip points that cannot have
    /// changed cluster: after the centroids moved, Upper grows by its centroid's move and Lower
    /// shrinks by the largest other move; a point keeps its cluster when Upper &lt; max(Lower, half
    /// the distance from its centroid to the nearest other centroid). The labels are the same as
    /// Lloyd's (bounds carry a 1e-12 relative safety margin; ties are recomputed).
    /// </summary>
    private static int Assign(double[] data, int n, int d, int k, double[] centroids, int[] labels,
        ParallelOptions parallel, Workspace work, Movement? movement)
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
            var changed = 0;
            for (var i = start; i < end; i++)
            {
                var x = data.AsSpan(i * d, d);
                var label = labels[i];
                var recompute = true;
                if (movement is not null)
                {
                    var upper = (work.Upper[i] + movement.Move[label]) * (1 + 1e-12);
                    var otherMove = label == movement.LargestMoveIndex ? movement.SecondMove : movement.LargestMove;
                    var lower = (work.Lower[i] - otherMove) * (1 - 1e-12);
                    work.Lower[i] = lower;
                    var bound = Math.Max(lower, movement.Half[label]);
                    if (upper < bound)
                    {
                        work.Upper[i] = upper;
                        recompute = false;
                    }
                    else
                    {
                        var centroid = centroids.AsSpan(label * d, d);
                        var dist = 0.0;
                        for (var j = 0; j < d; j++)
                        {
                            var diff = centroid[j] - x[j];
                            dist += diff * diff;
                        }
                        upper = Math.Sqrt(dist) * (1 + 1e-12);
                        work.Upper[i] = upper;
                        recompute = !(upper < bound);
                    }
                }
                if (recompute)
                {
                    var best = Nearest(x, transposed, padded, groups, width, k, d, out var bestDistance, out var secondDistance);
                    work.Upper[i] = Math.Sqrt(bestDistance);
                    work.Lower[i] = Math.Sqrt(secondDistance);
                    work.Distances[i] = bestDistance;
                    if (label != best)
                    {
                        labels[i] = best;
                        label = best;
                        changed++;
                    }
                }
                counts[label]++;
                var sum = sums.Slice(label * d, d);
                for (var j = 0; j < d; j++)
                {
                    sum[j] += x[j];
                }
            }
            work.ChunkChanged[ch] = changed;
        });
        var totalChanged = 0;
        for (var ch = 0; ch < work.ChunkCount; ch++)
        {
            totalChanged += work.ChunkChanged[ch];
        }
        return totalChanged;
    }

    /// <summary>The nearest centroid (lowest index on a tie) with the nearest and second-nearest squared distances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Nearest(ReadOnlySpan<double> x, double[] transposed, int padded, int groups, int width, int k, int d,
        out double bestDistance, out double secondDistance)
    {
        var best = 0;
        bestDistance = double.PositiveInfinity;
        secondDistance = double.PositiveInfinity;
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
                    secondDistance = bestDistance;
                    bestDistance = dist;
                    best = offset + lane;
                }
                else if (dist < secondDistance)
                {
                    secondDistance = dist;
                }
            }
        }
        return best;
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
