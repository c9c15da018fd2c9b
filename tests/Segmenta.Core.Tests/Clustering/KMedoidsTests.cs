using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

public class KMedoidsTests
{
    [Fact]
    public void Fit_OneCluster_MedoidIsTheMedianNotPulledByTheOutlier()
    {
        // Given 1, 2, 3, 4, 100: the mean (22) is pulled by 100, the best single customer is 3
        var points = Blobs.Matrix([1], [2], [3], [4], [100]);

        // When clustered with k = 1
        var result = KMedoids.Fit(points, new KMedoidsOptions { K = 1 });

        // Then the medoid is 3 and the cost is 2 + 1 + 0 + 1 + 97 = 101
        Assert.Equal([2], result.Medoids);
        Assert.Equal(101.0, result.Cost, 12);
        Assert.Equal("pam", result.Method);
    }

    [Fact]
    public void Fit_TwoGroups_BuildThenOneSwap()
    {
        // Given 1, 2, 3 and 10, 11, 12: BUILD picks 3 first (total distance 27, tied with 10; the
        // first wins), then 11 (gain 22); SWAP exchanges 3 for 2 (cost 3 → 2)
        var points = Blobs.Matrix([1], [2], [3], [10], [11], [12]);

        // When clustered with k = 2
        var result = KMedoids.Fit(points, new KMedoidsOptions { K = 2 });

        // Then the medoids are 2 and 11, the cost 1 + 0 + 1 + 1 + 0 + 1 = 4, after exactly one swap
        Assert.Equal([1, 4], result.Medoids);
        Assert.Equal([0, 0, 0, 1, 1, 1], result.Labels);
        Assert.Equal(4.0, result.Cost, 12);
        Assert.Equal(1, result.Swaps);
    }

    [Fact]
    public void Fit_LargeInput_ClaraFindsTheBlobs()
    {
        // Given 4 × 300 points in separated blobs and PAM limited to 100 points
        var (points, truth) = Blobs.Make(Blobs.FourCorners, 300, 1.0, seed: 3);

        // When clustered with k = 4
        var result = KMedoids.Fit(points, new KMedoidsOptions { K = 4, PamMaxPoints = 100, SampleSize = 80, Seed = 5 });

        // Then CLARA was used and recovers the blobs exactly; each medoid is a point of its own blob
        Assert.Equal("clara", result.Method);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(truth, result.Labels), 12);
        Assert.Equal(4, result.Medoids.Select(m => truth[m]).Distinct().Count());
    }

    [Fact]
    public void Fit_KLargerThanCustomers_ClearError()
    {
        var error = Assert.Throws<SegmentaInputException>(() => KMedoids.Fit(Blobs.Matrix([1], [2]), new KMedoidsOptions { K = 3 }));
        Assert.Equal("k = 3 is larger than the number of customers (2): choose k ≤ 2", error.Message);
    }
}
