using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

public class FeatureMatrixTests
{
    [Fact]
    public void Standardize_PopulationSd_ZScoresOfOneTwoThree()
    {
        // Given one feature 1, 2, 3: mean 2, population sd sqrt(2/3) = 0.8164966
        var matrix = Blobs.Matrix([1.0], [2.0], [3.0]);

        // When standardised with the default (population) sd
        var result = matrix.Standardize();

        // Then z = ±1/sqrt(2/3) = ±1.2247449 and the mean and sd are reported
        Assert.Equal(2.0, result.Means[0], 12);
        Assert.Equal(0.816496580927726, result.StandardDeviations[0], 12);
        Assert.Equal(-1.224744871391589, result.Matrix[0, 0], 12);
        Assert.Equal(0.0, result.Matrix[1, 0], 12);
        Assert.Equal(1.224744871391589, result.Matrix[2, 0], 12);
    }

    [Fact]
    public void Standardize_SampleSd_ZScoresAreMinusOneZeroOne()
    {
        // Given 1, 2, 3: sample sd sqrt(2/2) = 1
        var matrix = Blobs.Matrix([1.0], [2.0], [3.0]);

        // When standardised with the sample sd
        var result = matrix.Standardize(new StandardizeOptions { UseSampleStandardDeviation = true });

        // Then z = -1, 0, 1
        Assert.Equal(1.0, result.StandardDeviations[0], 12);
        Assert.Equal([-1.0, 0.0, 1.0], [result.Matrix[0, 0], result.Matrix[1, 0], result.Matrix[2, 0]]);
    }

    [Fact]
    public void Standardize_LogColumn_UsesLog1pAndConvertsBack()
    {
        // Given monetary values 0, e−1, e²−1: log(1 + x) = 0, 1, 2 (mean 1, population sd sqrt(2/3))
        var matrix = new FeatureMatrix(["a", "b", "c"], ["monetary", "frequency"],
            [[0.0, 1.0], [Math.E - 1, 2.0], [(Math.E * Math.E) - 1, 4.0]]);

        // When monetary is log-transformed
        var result = matrix.Standardize(new StandardizeOptions { LogColumns = ["monetary"] });

        // Then its mean is 1, z(b) = 0, and z = 0 maps back to e − 1 in original units
        Assert.Equal(1.0, result.Means[0], 12);
        Assert.True(result.LogTransformed[0]);
        Assert.False(result.LogTransformed[1]);
        Assert.Equal(0.0, result.Matrix[1, 0], 12);
        Assert.Equal(Math.E - 1, result.ToOriginal(0, 0.0), 12);
    }

    [Fact]
    public void Standardize_ConstantFeature_ThrowsNamingIt()
    {
        // Given a feature "tenure" that is 5 for everyone
        var matrix = new FeatureMatrix(["a", "b"], ["spend", "tenure"], [[1.0, 5.0], [2.0, 5.0]]);

        // When standardised
        var error = Assert.Throws<SegmentaInputException>(() => matrix.Standardize());

        // Then the message names the feature
        Assert.Contains("'tenure'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no variance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NaNValue_ThrowsNamingCustomerAndFeature()
    {
        // Given customer "b" with a NaN spend
        // When the matrix is built
        var error = Assert.Throws<SegmentaInputException>(() =>
            new FeatureMatrix(["a", "b"], ["spend"], [[1.0], [double.NaN]]));

        // Then the message names both
        Assert.Contains("'spend'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InfiniteValue_Throws()
    {
        // Given an infinite value
        // When / Then the matrix is refused
        Assert.Throws<SegmentaInputException>(() =>
            new FeatureMatrix(["a"], ["spend"], [[double.PositiveInfinity]]));
    }

    [Fact]
    public void Constructor_NoCustomers_Throws()
    {
        // Given no rows
        // When / Then the empty input is refused
        var error = Assert.Throws<SegmentaInputException>(() => new FeatureMatrix([], ["spend"], []));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromColumns_TwoColumns_SameAsRows()
    {
        // Given the same data as columns and as rows
        var byColumns = FeatureMatrix.FromColumns(["a", "b"], ["x", "y"], [[1.0, 2.0], [3.0, 4.0]]);

        // When read back
        // Then row a is (1, 3) and row b is (2, 4)
        Assert.Equal([1.0, 3.0], byColumns.Row(0).ToArray());
        Assert.Equal([2.0, 4.0], byColumns.Row(1).ToArray());
        Assert.Equal(1, byColumns.IndexOf("y"));
    }

    [Fact]
    public void Sample_SameSeed_SameRowsInRowOrder()
    {
        // Given 100 customers whose only feature is their row number
        var ids = Enumerable.Range(0, 100).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var matrix = FeatureMatrix.FromRowMajor(ids, ["row"], Enumerable.Range(0, 100).Select(i => (double)i).ToArray());

        // When 10 rows are sampled twice with seed 5
        var first = matrix.Sample(10, 5);
        var second = matrix.Sample(10, 5);

        // Then both have the same 10 distinct rows, ascending, with their own ids
        Assert.Equal(10, first.RowCount);
        Assert.Equal(first.Ids, second.Ids);
        var rows = Enumerable.Range(0, 10).Select(i => first[i, 0]).ToArray();
        Assert.Equal(rows.Order(), rows);
        Assert.Equal(10, rows.Distinct().Count());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("c" + ((int)rows[i]).ToString(System.Globalization.CultureInfo.InvariantCulture), first.Ids[i]);
        }
    }

    [Fact]
    public void Standardize_LogColumnAtMinusOne_ThrowsNamingFeatureAndCustomer()
    {
        // Given a refund of −1 in "monetary" for customer "b" (log(1 + x) undefined)
        var matrix = new FeatureMatrix(["a", "b"], ["monetary"], [[5.0], [-1.0]]);

        // When monetary is log-transformed
        var error = Assert.Throws<SegmentaInputException>(() =>
            matrix.Standardize(new StandardizeOptions { LogColumns = ["monetary"] }));

        // Then the message names both
        Assert.Contains("'monetary'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Standardize_UnknownLogColumn_ThrowsListingTheFeatures()
    {
        // Given features spend and visits
        var matrix = new FeatureMatrix(["a", "b"], ["spend", "visits"], [[1.0, 2.0], [3.0, 5.0]]);

        // When "monetary" is asked to be log-transformed
        var error = Assert.Throws<SegmentaInputException>(() =>
            matrix.Standardize(new StandardizeOptions { LogColumns = ["monetary"] }));

        // Then the message names the unknown feature and lists the real ones
        Assert.Contains("'monetary'", error.Message, StringComparison.Ordinal);
        Assert.Contains("spend, visits", error.Message, StringComparison.Ordinal);
    }
}
