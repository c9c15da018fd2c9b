using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

public class AdjustedRandIndexTests
{
    [Fact]
    public void Compute_IdenticalUpToRenaming_IsOne()
    {
        // Given the same partition with the label names swapped
        int[] a = [0, 0, 1, 1, 2];
        int[] b = [5, 5, 3, 3, 9];

        // When compared
        // Then ARI = 1
        Assert.Equal(1.0, AdjustedRandIndex.Compute(a, b), 12);
    }

    [Fact]
    public void Compute_ScikitLearnDocsExample_Is024242424()
    {
        // Given labels_true [0,0,0,1,1,1] and labels_pred [0,0,1,1,2,2] (scikit-learn user guide):
        // Σ C(n_ij,2) = 1 + 1 = 2; rows 3,3 → 6; columns 2,2,2 → 3; E = 6·3/15 = 1.2; max = 4.5
        int[] labelsTrue = [0, 0, 0, 1, 1, 1];
        int[] labelsPred = [0, 0, 1, 1, 2, 2];

        // When compared
        var ari = AdjustedRandIndex.Compute(labelsTrue, labelsPred);

        // Then ARI = (2 − 1.2) / (4.5 − 1.2) = 0.8 / 3.3 = 0.24242424…
        Assert.Equal(0.24242424242424243, ari, 12);
    }

    [Fact]
    public void Compute_Symmetric_SameBothWays()
    {
        // Given the scikit-learn example
        int[] labelsTrue = [0, 0, 0, 1, 1, 1];
        int[] labelsPred = [0, 0, 1, 1, 2, 2];

        // When swapped
        // Then the ARI is the same
        Assert.Equal(AdjustedRandIndex.Compute(labelsTrue, labelsPred), AdjustedRandIndex.Compute(labelsPred, labelsTrue), 12);
    }

    [Fact]
    public void Compute_CompletelySplit_IsNegative()
    {
        // Given [0,0,1,1] against [0,1,0,1]: Σ C(n_ij,2) = 0; rows 1+1 = 2, columns 2; E = 4/6; max = 2
        // When compared
        var ari = AdjustedRandIndex.Compute([0, 0, 1, 1], [0, 1, 0, 1]);

        // Then ARI = (0 − 2/3) / (2 − 2/3) = −0.5
        Assert.Equal(-0.5, ari, 12);
    }

    [Fact]
    public void Compute_DifferentLengths_Throws()
    {
        // Given labelings of 3 and 2 points
        // When / Then they are refused
        Assert.Throws<SegmentaInputException>(() => AdjustedRandIndex.Compute([0, 1, 1], [0, 1]));
    }
}
