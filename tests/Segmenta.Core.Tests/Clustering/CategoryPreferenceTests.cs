using Segmenta.Core.Clustering;

namespace Segmenta.Core.Tests.Clustering;

public class CategoryPreferenceTests
{
    [Fact]
    public void Assign_HandComputedShares()
    {
        // Given a: Books 60 + Toys 40 (Books 0.6); b: Books 30 + Toys 30 + Garden 40 (Garden 0.4);
        // c: Toys 50 + Books 50 (tie, Books first by name, 0.5); d: Garden 10 in two rows (1.0)
        (string, string, double)[] spends =
        [
            ("a", "Books", 60), ("a", "Toys", 40),
            ("b", "Books", 30), ("b", "Toys", 30), ("b", "Garden", 40),
            ("c", "Toys", 50), ("c", "Books", 50),
            ("d", "Garden", 4), ("d", "Garden", 6),
        ];

        // When assigned with the default threshold 0.5
        var rows = CategoryPreference.Assign(spends);

        // Then a → Books, b → mixed (Garden only 40 %), c → Books (exactly 0.5 counts), d → Garden
        Assert.Equal(["Books", "mixed", "Books", "Garden"], rows.Select(r => r.Segment));
        Assert.Equal([0.6, 0.4, 0.5, 1.0], rows.Select(r => r.Share));
        Assert.Equal("Garden", rows[1].DominantCategory);
        Assert.Equal(10.0, rows[3].Spend);
        // And with threshold 0.61 only d keeps a category
        Assert.Equal(["mixed", "mixed", "mixed", "Garden"], CategoryPreference.Assign(spends, 0.61).Select(r => r.Segment));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Assign_ThresholdOutsideRange_ClearMessage(double threshold)
    {
        var error = Assert.Throws<SegmentaInputException>(() => CategoryPreference.Assign([("a", "Books", 1.0)], threshold));
        Assert.Contains("must be above 0 and at most 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_NegativeSpend_NamesTheRow()
    {
        var error = Assert.Throws<SegmentaInputException>(() => CategoryPreference.Assign([("a", "Books", 1.0), ("b", "Toys", -2.0)]));
        Assert.StartsWith("spend row 2 (b, Toys)", error.Message, StringComparison.Ordinal);
    }
}
