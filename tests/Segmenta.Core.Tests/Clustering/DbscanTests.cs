using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

public class DbscanTests
{
    [Fact]
    public void Fit_TwoRunsAndAStray_TwoClustersOneNoise()
    {
        // Given 0, 1, 2 and 10, 11, 12 and a stray 50 on a line, eps 1.5, min points 2
        var points = Blobs.Matrix([0.0], [1.0], [2.0], [10.0], [11.0], [12.0], [50.0]);

        // When clustered
        var result = Dbscan.Fit(points, new DbscanOptions { Eps = 1.5, MinPoints = 2 });

        // Then the runs are clusters 0 and 1 (row order), 50 is noise, all six others are core
        Assert.Equal([0, 0, 0, 1, 1, 1, -1], result.Labels);
        Assert.Equal(2, result.ClusterCount);
        Assert.Equal(1, result.NoiseCount);
        Assert.Equal(6, result.CorePointCount);
        Assert.False(result.EpsSuggested);
    }

    [Fact]
    public void Fit_BorderPoint_JoinsTheClusterButIsNotCore()
    {
        // Given 0, 1, 2, 3.05 with eps 1.1 and min points 3: within eps, 0 has {0, 1}, 1 has {0, 1, 2},
        // 2 has {1, 2, 3.05} and 3.05 has {2, 3.05}
        var points = Blobs.Matrix([0.0], [1.0], [2.0], [3.05]);

        // When clustered
        var result = Dbscan.Fit(points, new DbscanOptions { Eps = 1.1, MinPoints = 3 });

        // Then one cluster of all four; 1 and 2 are core, 0 and 3.05 are border points
        Assert.Equal([0, 0, 0, 0], result.Labels);
        Assert.Equal(2, result.CorePointCount);
        Assert.Equal(0, result.NoiseCount);
    }

    [Fact]
    public void SuggestEps_FourCloseOneFar_KneeAndMedianAreOne()
    {
        // Given 0, 1, 2, 3, 10: nearest-neighbour distances 1, 1, 1, 1, 7
        var points = Blobs.Matrix([0.0], [1.0], [2.0], [3.0], [10.0]);

        // When the 1-distance curve and eps for min points 2 are computed
        var curve = Dbscan.KDistanceCurve(points, 1);
        var knee = Dbscan.SuggestEps(points, 2, EpsRule.Knee);
        var median = Dbscan.SuggestEps(points, 2, EpsRule.Median);

        // Then the curve is 1, 1, 1, 1, 7; scaled, the point at x = 0.75, y = 0 is farthest below
        // the chord, so the knee is 1; the median is 1
        Assert.Equal([1.0, 1.0, 1.0, 1.0, 7.0], curve);
        Assert.Equal(1.0, knee, 12);
        Assert.Equal(1.0, median, 12);
    }

    [Fact]
    public void Fit_BlobsWithFarOutliers_OutliersAreNoise()
    {
        // Given 4 × 50 points with sd 0.5 around the corners of a 10 × 10 square and 5 outliers far away
        var (blobs, truth) = Blobs.Make(Blobs.FourCorners, 50, 0.5, seed: 8);
        double[][] outliers = [[100, 100], [-80, 40], [50, -90], [-60, -60], [5, 200]];
        var rows = Enumerable.Range(0, blobs.RowCount).Select(i => blobs.Row(i).ToArray()).Concat(outliers).ToArray();
        var points = Blobs.Matrix(rows);

        // When clustered with the suggested eps (knee) and min points 5
        var result = Dbscan.Fit(points);

        // Then exactly the five outliers are noise and the blobs are recovered
        Assert.True(result.EpsSuggested);
        Assert.All(result.Labels.Skip(200), label => Assert.Equal(-1, label));
        Assert.Equal(5, result.NoiseCount);
        Assert.Equal(4, result.ClusterCount);
        Assert.True(AdjustedRandIndex.Compute(truth, result.Labels.Take(200).ToArray()) >= 0.95);
    }

    [Fact]
    public void Fit_TooManyPoints_RefusedWithTheLimit()
    {
        // Given 20,001 points
        var values = new double[20_001];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i;
        }
        var ids = Enumerable.Range(0, values.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var points = FeatureMatrix.FromRowMajor(ids, ["x"], values);

        // When / Then DBSCAN refuses and names the limit
        var error = Assert.Throws<SegmentaInputException>(() => Dbscan.Fit(points));
        Assert.Contains("20,000", error.Message, StringComparison.Ordinal);
    }
}
