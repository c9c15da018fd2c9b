using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

public class ClusterQualityTests
{
    [Fact]
    public void Silhouette_TwoPairsOnALine_Is94Over126()
    {
        // Given 0, 1 in cluster 0 and 4, 5 in cluster 1:
        // point 0: a = 1, b = (4 + 5)/2 = 4.5, s = 1 − 1/4.5 = 7/9; point 1: a = 1, b = (3 + 4)/2 = 3.5, s = 5/7;
        // points 4 and 5 mirror them
        var points = Blobs.Matrix([0.0], [1.0], [4.0], [5.0]);

        // When the silhouette is computed
        var result = ClusterQuality.Silhouette(points, [0, 0, 1, 1]);

        // Then the mean is (7/9 + 5/7)/2 = 94/126 = 0.746031746…, exact (no sample)
        Assert.Equal(94.0 / 126.0, result.Mean, 12);
        Assert.False(result.Sampled);
        Assert.Equal(4, result.PointsUsed);
    }

    [Fact]
    public void Silhouette_SingletonCluster_ScoresZeroForIt()
    {
        // Given 0, 1 in cluster 0 and 10 alone in cluster 1:
        // point 0: a = 1, b = 10, s = 0.9; point 1: a = 1, b = 9, s = 8/9; point 10: s = 0 (alone)
        var points = Blobs.Matrix([0.0], [1.0], [10.0]);

        // When the silhouette is computed
        var result = ClusterQuality.Silhouette(points, [0, 0, 1]);

        // Then the mean is (0.9 + 8/9 + 0)/3
        Assert.Equal((0.9 + (8.0 / 9.0)) / 3.0, result.Mean, 12);
    }

    [Fact]
    public void Silhouette_LargeInput_SampleIsCloseToExact()
    {
        // Given 4 × 1,250 blob points (5,000 > the 2,000 exact limit)
        var (points, truth) = Blobs.Make(Blobs.FourCorners, 1250, 2.0, seed: 21);

        // When computed on the default 2,000-point sample and exactly (limit raised)
        var sampled = ClusterQuality.Silhouette(points, truth);
        var exact = ClusterQuality.Silhouette(points, truth, new SilhouetteOptions { MaxExactPoints = 10_000 });

        // Then the sample is flagged and within 0.02 of the exact value
        Assert.True(sampled.Sampled);
        Assert.Equal(2000, sampled.PointsUsed);
        Assert.False(exact.Sampled);
        Assert.InRange(sampled.Mean - exact.Mean, -0.02, 0.02);
    }

    [Fact]
    public void Silhouette_OneCluster_Throws()
    {
        // Given every point in one cluster
        var points = Blobs.Matrix([0.0], [1.0], [2.0]);

        // When / Then the silhouette is refused
        Assert.Throws<SegmentaInputException>(() => ClusterQuality.Silhouette(points, [0, 0, 0]));
    }

    [Fact]
    public void DaviesBouldin_TwoPairs_IsPointTwo()
    {
        // Given (0,0), (2,0) with centroid (1,0) and (10,0), (12,0) with centroid (11,0):
        // S = 1 for both, M = 10
        var points = Blobs.Matrix([0, 0], [2, 0], [10, 0], [12, 0]);

        // When the index is computed
        var db = ClusterQuality.DaviesBouldin(points, [0, 0, 1, 1]);

        // Then DB = (1 + 1)/10 = 0.2
        Assert.Equal(0.2, db, 12);
    }

    [Fact]
    public void DaviesBouldin_ThreeClusters_TakesTheWorstPartner()
    {
        // Given 1-D clusters {0, 2} (centre 1, S = 1), {5, 7} (centre 6, S = 1), {20, 26} (centre 23, S = 3):
        // R(A,B) = 2/5 = 0.4, R(A,C) = 4/22, R(B,C) = 4/17
        var points = Blobs.Matrix([0.0], [2.0], [5.0], [7.0], [20.0], [26.0]);

        // When the index is computed
        var db = ClusterQuality.DaviesBouldin(points, [0, 0, 1, 1, 2, 2]);

        // Then DB = (0.4 + 0.4 + 4/17)/3
        Assert.Equal((0.4 + 0.4 + (4.0 / 17.0)) / 3.0, db, 12);
    }

    [Fact]
    public void ElbowCurve_FourBlobs_InertiaFallsAndFlattensAfterFour()
    {
        // Given four well-separated blobs
        var (points, _) = Blobs.Make(Blobs.FourCorners, 150, 1.0, seed: 4);

        // When the curve for k = 1..6 is computed
        var curve = ClusterQuality.ElbowCurve(points, 1, 6);

        // Then inertia never rises, and the drop from 3 to 4 is far bigger than from 4 to 5
        Assert.Equal([1, 2, 3, 4, 5, 6], curve.Select(p => p.K));
        for (var i = 1; i < curve.Count; i++)
        {
            Assert.True(curve[i].Inertia <= curve[i - 1].Inertia);
        }
        Assert.True(curve[2].Inertia - curve[3].Inertia > 10 * (curve[3].Inertia - curve[4].Inertia));
    }

    [Fact]
    public void ChooseK_FourSeparatedBlobs_PicksFour()
    {
        // Given 4 × 200 points around the corners of a 10 × 10 square, sd 1
        var (points, truth) = Blobs.Make(Blobs.FourCorners, 200, 1.0, seed: 2024);

        // When k is chosen in 2..10
        var result = ClusterQuality.ChooseK(points);

        // Then k = 4 has the best silhouette, every k is reported, and the fit matches the blobs
        Assert.Equal(4, result.BestK);
        Assert.Equal(Enumerable.Range(2, 9), result.Candidates.Select(c => c.K));
        var four = result.Candidates.Single(c => c.K == 4);
        Assert.Equal(result.Candidates.Max(c => c.Silhouette), four.Silhouette);
        Assert.True(four.Silhouette > 0.7);
        Assert.Equal(result.Candidates.Min(c => c.DaviesBouldin), four.DaviesBouldin);
        Assert.True(AdjustedRandIndex.Compute(truth, result.Best.Labels) >= 0.95);
        Assert.False(result.SilhouetteSampled);
    }

    [Fact]
    public void ChooseK_FittedOnPartOfThePoints_ScoresEveryone()
    {
        // Given 4 × 200 points around the corners of a 10 × 10 square, and every other point as the fitting set
        var (points, truth) = Blobs.Make(Blobs.FourCorners, 200, 1.0, seed: 2024);
        var half = Blobs.Matrix([.. Enumerable.Range(0, points.RowCount).Where(i => i % 2 == 0).Select(i => points.Row(i).ToArray())]);

        // When k is chosen with centroids fitted on half and everyone placed at the nearest centroid
        var result = ClusterQuality.ChooseK(points, half, 2, 8);

        // Then k = 4 still wins and the placed labels match the blobs
        Assert.Equal(4, result.BestK);
        Assert.Equal(half.RowCount, result.Best.Labels.Count);
        Assert.True(AdjustedRandIndex.Compute(truth, KMeans.AssignNearest(points, result.Best.Centroids)) >= 0.95);
    }

    [Fact]
    public void ChooseK_FittedOnACopyOfThePoints_SameAsOnThePoints()
    {
        // Given 3 overlapping blobs, and a copy of them as the fitting set
        var (points, _) = Blobs.Make([[0, 0], [3, 0], [0, 3]], 150, 1.2, seed: 7);
        var copy = Blobs.Matrix([.. Enumerable.Range(0, points.RowCount).Select(i => points.Row(i).ToArray())]);

        // When k is chosen on the points and fitted on the copy
        var direct = ClusterQuality.ChooseK(points, 2, 6);
        var viaCopy = ClusterQuality.ChooseK(points, copy, 2, 6);

        // Then every candidate scores the same: k-means' final labels are the nearest centroids
        Assert.Equal(direct.BestK, viaCopy.BestK);
        Assert.Equal(direct.Candidates.Select(c => c.Silhouette), viaCopy.Candidates.Select(c => c.Silhouette));
        Assert.Equal(direct.Candidates.Select(c => Math.Round(c.Inertia, 6)), viaCopy.Candidates.Select(c => Math.Round(c.Inertia, 6)));
    }

    [Fact]
    public void AssignNearest_HandComputed()
    {
        // Given centroids (0, 0) and (10, 0)
        IReadOnlyList<IReadOnlyList<double>> centroids = [[0.0, 0.0], [10.0, 0.0]];

        // When (1, 1), (6, 0), (5, 3) (a tie: 34 to both) and (10, −2) are placed
        var labels = KMeans.AssignNearest(Blobs.Matrix([1.0, 1.0], [6.0, 0.0], [5.0, 3.0], [10.0, -2.0]), centroids);

        // Then each goes to the nearer centroid, the tie to the lower cluster number; a wrong width is refused
        Assert.Equal([0, 1, 0, 1], labels);
        Assert.Throws<SegmentaInputException>(() => KMeans.AssignNearest(Blobs.Matrix([1.0]), centroids));
    }

    [Fact]
    public void ChooseK_KMaxNotBelowN_Throws()
    {
        // Given 5 points
        var points = Blobs.Matrix([0.0], [1.0], [2.0], [3.0], [4.0]);

        // When k up to 5 is asked
        var error = Assert.Throws<SegmentaInputException>(() => ClusterQuality.ChooseK(points, 2, 5));

        // Then it is refused
        Assert.Contains("(5)", error.Message, StringComparison.Ordinal);
    }
}
