using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

public class ClusterProfilerTests
{
    [Fact]
    public void Profile_TwoClustersOfTwo_MeansZScoresAndNames()
    {
        // Given monetary 10, 10, 100, 100 (mean 55, sd 45), frequency 5, 5, 1, 1 (mean 3, sd 2),
        // recency 1, 2, 1, 2 (mean 1.5, sd 0.5), clusters {a, b} and {c, d}
        var matrix = new FeatureMatrix(["a", "b", "c", "d"], ["monetary", "frequency", "recency"],
            [[10.0, 5.0, 1.0], [10.0, 5.0, 2.0], [100.0, 1.0, 1.0], [100.0, 1.0, 2.0]]);

        // When profiled
        var profiles = ClusterProfiler.Profile(matrix, [0, 0, 1, 1]);

        // Then cluster 1 has half the customers, monetary mean 100 (overall 55, z = +1),
        // frequency z = −1, recency z = 0, and the names follow the ±0.5 rule in column order on ties
        Assert.Equal(2, profiles.Count);
        var big = profiles[1];
        Assert.Equal(1, big.Cluster);
        Assert.Equal(2, big.Size);
        Assert.Equal(0.5, big.Share, 12);
        Assert.Equal(100.0, big.Features[0].Mean, 12);
        Assert.Equal(55.0, big.Features[0].OverallMean, 12);
        Assert.Equal(1.0, big.Features[0].ZScore, 12);
        Assert.Equal(-1.0, big.Features[1].ZScore, 12);
        Assert.Equal(0.0, big.Features[2].ZScore, 12);
        Assert.Equal("high monetary · low frequency", big.Name);
        Assert.Equal("low monetary · high frequency", profiles[0].Name);
    }

    [Fact]
    public void Name_ManyFeatures_StrongestThreeAtLeastHalfASd()
    {
        // Given z-scores a 0.49, b −0.5, c 2.0, d 0.7, e −0.6
        FeatureProfile[] features =
        [
            new("a", 0, 0, 0.49), new("b", 0, 0, -0.5), new("c", 0, 0, 2.0), new("d", 0, 0, 0.7), new("e", 0, 0, -0.6),
        ];

        // When named
        var name = ClusterProfiler.Name(features);

        // Then a (below 0.5) is out and the three largest |z| are c, d, e
        Assert.Equal("high c · high d · low e", name);
    }

    [Fact]
    public void Name_NothingDistinctive_IsAverage()
    {
        // Given all |z| below 0.5
        // When named
        // Then "average"
        Assert.Equal("average", ClusterProfiler.Name([new FeatureProfile("a", 0, 0, 0.3), new FeatureProfile("b", 0, 0, -0.49)]));
    }

    [Fact]
    public void Profile_SameNameTwiceAndNoise_NumberedAndNoiseNamed()
    {
        // Given x = 0, 0, 10, 10, 10, 10 with clusters {0,0} (z −√2), {10,10} twice (z +1/√2) and no noise,
        // then the same with one point as noise (−1)
        var matrix = Blobs.Matrix([0.0], [0.0], [10.0], [10.0], [10.0], [10.0]);

        // When profiled
        var profiles = ClusterProfiler.Profile(matrix, [-1, 0, 1, 1, 2, 2]);

        // Then labels are in ascending order, noise is "noise", and the second "high f0" is "#2"
        Assert.Equal([-1, 0, 1, 2], profiles.Select(p => p.Cluster));
        Assert.Equal("noise", profiles[0].Name);
        Assert.Equal("low f0", profiles[1].Name);
        Assert.Equal("high f0", profiles[2].Name);
        Assert.Equal("high f0 #2", profiles[3].Name);
        Assert.Equal(1.0, profiles.Sum(p => p.Share), 12);
    }

    [Fact]
    public void Profile_LabelCountMismatch_Throws()
    {
        // Given 3 customers and 2 labels
        var matrix = Blobs.Matrix([0.0], [1.0], [2.0]);

        // When / Then refused
        Assert.Throws<SegmentaInputException>(() => ClusterProfiler.Profile(matrix, [0, 1]));
    }
}
