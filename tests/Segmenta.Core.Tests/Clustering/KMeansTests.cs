using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

public class KMeansTests
{
    [Fact]
    public void Fit_SixPointsInTwoGroups_ExactCentroidsAndInertia()
    {
        // Given (0,0), (2,0), (1,3) with mean (1,1) and (10,10), (12,10), (11,13) with mean (11,11);
        // each group's squared distances to its mean are 2 + 2 + 4 = 8
        var points = Blobs.Matrix([0, 0], [2, 0], [1, 3], [10, 10], [12, 10], [11, 13]);

        // When clustered with k = 2
        var result = KMeans.Fit(points, new KMeansOptions { K = 2 });

        // Then the groups are found, the centroids are (1,1) and (11,11) and the inertia is 16
        Assert.Equal(result.Labels[0], result.Labels[1]);
        Assert.Equal(result.Labels[0], result.Labels[2]);
        Assert.Equal(result.Labels[3], result.Labels[4]);
        Assert.Equal(result.Labels[3], result.Labels[5]);
        Assert.NotEqual(result.Labels[0], result.Labels[3]);
        var a = result.Centroids[result.Labels[0]];
        var b = result.Centroids[result.Labels[3]];
        Assert.Equal(1.0, a[0], 12);
        Assert.Equal(1.0, a[1], 12);
        Assert.Equal(11.0, b[0], 12);
        Assert.Equal(11.0, b[1], 12);
        Assert.Equal(16.0, result.Inertia, 12);
        Assert.Equal([3, 3], result.ClusterSizes);
        Assert.True(result.Converged);
    }

    [Fact]
    public void Fit_KEqualsOne_CentroidIsTheMean()
    {
        // Given 1, 2, 3, 6 (mean 3; squared deviations 4 + 1 + 0 + 9 = 14)
        var points = Blobs.Matrix([1.0], [2.0], [3.0], [6.0]);

        // When k = 1
        var result = KMeans.Fit(points, new KMeansOptions { K = 1 });

        // Then the centroid is 3 and the inertia 14
        Assert.Equal(3.0, result.Centroids[0][0], 12);
        Assert.Equal(14.0, result.Inertia, 12);
    }

    [Fact]
    public void Fit_SameSeed_SameResult()
    {
        // Given 2,000 points in four blobs
        var (points, _) = Blobs.Make(Blobs.FourCorners, 500, 2.0, seed: 7);

        // When fitted twice with seed 123 and once more on one thread
        var first = KMeans.Fit(points, new KMeansOptions { K = 4, Seed = 123 });
        var second = KMeans.Fit(points, new KMeansOptions { K = 4, Seed = 123 });
        var oneThread = KMeans.Fit(points, new KMeansOptions { K = 4, Seed = 123, MaxDegreeOfParallelism = 1 });

        // Then labels, centroids and inertia are identical (bit for bit)
        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Inertia, second.Inertia);
        Assert.Equal(first.RestartInertias, second.RestartInertias);
        Assert.Equal(first.Labels, oneThread.Labels);
        Assert.Equal(first.Inertia, oneThread.Inertia);
        for (var c = 0; c < 4; c++)
        {
            Assert.Equal(first.Centroids[c], second.Centroids[c]);
        }
    }

    [Fact]
    public void Fit_FourBlobs_RecoversThemWithAriAtLeast095()
    {
        // Given 4 × 250 points around (0,0), (10,0), (0,10), (10,10) with sd 1
        var (points, truth) = Blobs.Make(Blobs.FourCorners, 250, 1.0, seed: 11);

        // When clustered with k = 4
        var result = KMeans.Fit(points, new KMeansOptions { K = 4, Seed = 5 });

        // Then the labelling matches the blobs (ARI ≥ 0.95) and every centroid is within 0.3 of a centre
        Assert.True(AdjustedRandIndex.Compute(truth, result.Labels) >= 0.95);
        foreach (var centroid in result.Centroids)
        {
            Assert.Contains(Blobs.FourCorners, c => Math.Abs(c[0] - centroid[0]) < 0.3 && Math.Abs(c[1] - centroid[1]) < 0.3);
        }
    }

    [Fact]
    public void Fit_RandomData_InertiaEqualsSumOfSquaredDistancesAndBestRunWins()
    {
        // Given 3,000 uniform random points in 3 dimensions (more than one chunk of the parallel split)
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 20_000).Select(_ => new[] { rng.NextDouble(), rng.NextDouble(), rng.NextDouble() }).ToArray();
        var points = new FeatureMatrix(rows.Select((_, i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), ["x", "y", "z"], rows);

        // When clustered with k = 6
        var result = KMeans.Fit(points, new KMeansOptions { K = 6, Restarts = 3 });

        // Then the inertia is the recomputed Σ‖x − centroid(label)‖², each point is at its nearest
        // centroid, sizes add up, and the reported inertia is the minimum over restarts
        var recomputed = 0.0;
        for (var i = 0; i < rows.Length; i++)
        {
            var own = SquaredDistance(rows[i], result.Centroids[result.Labels[i]]);
            recomputed += own;
            for (var c = 0; c < 6; c++)
            {
                Assert.True(own <= SquaredDistance(rows[i], result.Centroids[c]) + 1e-12);
            }
        }
        Assert.Equal(recomputed, result.Inertia, 6);
        Assert.Equal(rows.Length, result.ClusterSizes.Sum());
        Assert.Equal(result.RestartInertias.Min(), result.Inertia);
    }

    [Fact]
    public void Fit_KLargerThanPoints_Throws()
    {
        // Given three points
        var points = Blobs.Matrix([1.0], [2.0], [3.0]);

        // When k = 4
        var error = Assert.Throws<SegmentaInputException>(() => KMeans.Fit(points, new KMeansOptions { K = 4 }));

        // Then the message says k is larger than the number of points
        Assert.Contains("k = 4 is larger than the number of points (3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_KZero_Throws()
    {
        // Given three points
        var points = Blobs.Matrix([1.0], [2.0], [3.0]);

        // When / Then k = 0 is refused
        var error = Assert.Throws<SegmentaInputException>(() => KMeans.Fit(points, new KMeansOptions { K = 0 }));
        Assert.Contains("at least 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_FewerDistinctPointsThanK_NoFailureAndZeroInertia()
    {
        // Given four points at only two locations (0 three times, 1 once)
        var points = Blobs.Matrix([0.0], [0.0], [0.0], [1.0]);

        // When k = 3
        var result = KMeans.Fit(points, new KMeansOptions { K = 3 });

        // Then every point sits on a centroid (inertia 0) and the sizes still add up to 4
        Assert.Equal(0.0, result.Inertia, 12);
        Assert.Equal(4, result.ClusterSizes.Sum());
        Assert.NotEqual(result.Labels[0], result.Labels[3]);
    }

    [Fact]
    public void Fit_OneIteration_NotConverged()
    {
        // Given 2,000 blob points
        var (points, _) = Blobs.Make(Blobs.FourCorners, 500, 3.0, seed: 9);

        // When at most one iteration is allowed
        var result = KMeans.Fit(points, new KMeansOptions { K = 4, MaxIterations = 1, Restarts = 1 });

        // Then one assignment pass ran and the run is not reported as converged
        Assert.Equal(1, result.Iterations);
        Assert.False(result.Converged);
    }

    [Theory]
    [InlineData(0, 300, 1e-4, "restarts")]
    [InlineData(5, 0, 1e-4, "iterations")]
    [InlineData(5, 300, -1.0, "tolerance")]
    public void Fit_BadOption_ThrowsNamingIt(int restarts, int maxIterations, double tolerance, string word)
    {
        // Given three points
        var points = Blobs.Matrix([1.0], [2.0], [3.0]);

        // When an option is out of range
        var error = Assert.Throws<SegmentaInputException>(() => KMeans.Fit(points,
            new KMeansOptions { K = 2, Restarts = restarts, MaxIterations = maxIterations, Tolerance = tolerance }));

        // Then the message names it
        Assert.Contains(word, error.Message, StringComparison.Ordinal);
    }

    private static double SquaredDistance(double[] x, IReadOnlyList<double> c)
    {
        var s = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            s += (x[j] - c[j]) * (x[j] - c[j]);
        }
        return s;
    }
}
