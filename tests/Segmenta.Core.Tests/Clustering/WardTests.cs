using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

public class WardTests
{
    [Fact]
    public void Fit_FivePoints_HandComputedTree()
    {
        // Given 1-D 0, 1, 5, 6, 20. Ward merges {0,1} and {5,6} at height 1 (their distance), then
        // {0,1} with {5,6}: √(2·2·2/4) × |0.5 − 5.5| = 5√2, then {20}: √(2·4·1/5) × |3 − 20| = 17√1.6
        var points = Blobs.Matrix([0], [1], [5], [6], [20]);

        // When the tree is cut at 2 and at 3 clusters
        var two = Ward.Fit(points, new WardOptions { K = 2 });
        var three = Ward.Fit(points, new WardOptions { K = 3 });

        // Then the heights are as computed and the cuts are {0,1,5,6},{20} and {0,1},{5,6},{20}
        Assert.Equal(4, two.MergeHeights.Count);
        Assert.Equal(1.0, two.MergeHeights[0], 12);
        Assert.Equal(1.0, two.MergeHeights[1], 12);
        Assert.Equal(5 * Math.Sqrt(2), two.MergeHeights[2], 12);
        Assert.Equal(17 * Math.Sqrt(1.6), two.MergeHeights[3], 12);
        Assert.Equal([0, 0, 0, 0, 1], two.Labels);
        Assert.Equal([0, 0, 1, 1, 2], three.Labels);
        Assert.Equal(3.0, two.Centroids[0][0], 12);
        Assert.Equal(5.5, three.Centroids[1][0], 12);
    }

    [Fact]
    public void Fit_OnASample_RestJoinsTheNearestCentroid()
    {
        // Given 4 × 250 points in separated blobs
        var (points, truth) = Blobs.Make(Blobs.FourCorners, 250, 1.0, seed: 11);

        // When the tree is built on a 200-point sample and cut at 4
        var result = Ward.Fit(points, new WardOptions { K = 4, SampleSize = 200, Seed = 2 });

        // Then 200 points were in the tree and every point, sampled or not, lands in its blob
        Assert.Equal(200, result.SampleRows);
        Assert.Equal(199, result.MergeHeights.Count);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(truth, result.Labels), 12);
    }

    [Fact]
    public void Fit_KLargerThanCustomers_ClearError()
    {
        var error = Assert.Throws<SegmentaInputException>(() => Ward.Fit(Blobs.Matrix([1], [2]), new WardOptions { K = 5 }));
        Assert.Equal("k = 5 is larger than the number of customers (2): choose k ≤ 2", error.Message);
    }
}
