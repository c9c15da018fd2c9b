using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

public class PrincipalComponentsTests
{
    [Fact]
    public void Fit_PointsOnALine_FirstAxisAlongTheLine()
    {
        // Given (0,0), (1,2), (2,4), (3,6) on y = 2x (mean (1.5, 3))
        var points = Blobs.Matrix([0, 0], [1, 2], [2, 4], [3, 6]);

        // When two components are fitted
        var pca = PrincipalComponents.Fit(points);

        // Then the first axis is (1, 2)/√5 with all the variance, and (3,6) lies 7.5/√5 along it
        Assert.Equal(1 / Math.Sqrt(5), pca.Axes[0][0], 12);
        Assert.Equal(2 / Math.Sqrt(5), pca.Axes[0][1], 12);
        Assert.Equal(1.0, pca.ExplainedVarianceRatio[0], 12);
        Assert.Equal(0.0, pca.ExplainedVarianceRatio[1], 12);
        Assert.Equal(7.5 / Math.Sqrt(5), pca.Project([3, 6])[0], 12);
        Assert.Equal(0.0, pca.Project([3, 6])[1], 12);
    }

    [Fact]
    public void Fit_UncorrelatedFeatures_AxesOrderedByVariance()
    {
        // Given x with variance 1 (±1) and y with variance 4 (±2), uncorrelated
        var points = Blobs.Matrix([1, 2], [-1, 2], [1, -2], [-1, -2]);

        var pca = PrincipalComponents.Fit(points);

        // Then y comes first with 4/5 of the variance, x second with 1/5
        Assert.Equal(1.0, Math.Abs(pca.Axes[0][1]), 12);
        Assert.Equal(1.0, Math.Abs(pca.Axes[1][0]), 12);
        Assert.Equal(0.8, pca.ExplainedVarianceRatio[0], 12);
        Assert.Equal(0.2, pca.ExplainedVarianceRatio[1], 12);
    }
}
