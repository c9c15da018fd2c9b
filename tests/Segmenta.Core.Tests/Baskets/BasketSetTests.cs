using Segmenta.Core.Baskets;

namespace Segmenta.Core.Tests.Baskets;

public sealed class BasketSetTests(GroceriesFixture groceries) : IClassFixture<GroceriesFixture>
{
    [Fact]
    public void FromLines_Groceries_MatchesArulesSummary()
    {
        // Given the Groceries file (arules: 9835 transactions x 169 items, density 0.02609)
        var baskets = groceries.Baskets;

        // Then the sizes match
        Assert.Equal(9835, baskets.Count);
        Assert.Equal(169, baskets.ItemCount);
        Assert.Equal(43367, baskets.ItemOccurrences);
    }

    [Theory]
    [InlineData("whole milk", 2513, 0.2555160)]
    [InlineData("other vegetables", 1903, 0.1934926)]
    [InlineData("rolls/buns", 1809, 0.1839349)]
    [InlineData("soda", 1715, 0.1743772)]
    [InlineData("yogurt", 1372, 0.1395018)]
    public void Support_GroceriesTopItems_MatchesItemFrequency(string item, int count, double support)
    {
        // Given Groceries, When the item frequency is asked, Then it equals arules' itemFrequency
        Assert.Equal(count, groceries.Baskets.Frequency(item));
        Assert.Equal(support, groceries.Baskets.Support(item), 7);
    }

    [Fact]
    public void FromLines_TrailingSpaceInName_KeptAsDistinctName()
    {
        // Given Groceries, where one item is spelled "cream cheese " with a trailing space
        // Then the name is kept as is and the trimmed spelling does not exist
        Assert.True(groceries.Baskets.Contains("cream cheese "));
        Assert.False(groceries.Baskets.Contains("cream cheese"));
    }

    [Fact]
    public void Create_DuplicateItemInBasket_CountedOnce()
    {
        // Given a basket with "a" twice and another with "a" once
        var baskets = BasketSet.Create([["a", "a", "b"], ["a"]]);

        // Then "a" is in 2 baskets and the set holds 3 item occurrences
        Assert.Equal(2, baskets.Frequency("a"));
        Assert.Equal(3, baskets.ItemOccurrences);
        Assert.Equal(["a", "b"], baskets.Basket(0));
    }

    [Fact]
    public void Create_NoBaskets_ThrowsClearMessage()
    {
        // Given no baskets, When the set is built, Then the error says the set is empty
        var ex = Assert.Throws<SegmentaInputException>(() => BasketSet.Create([]));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromLines_DoubleSeparator_ThrowsWithLineNumber()
    {
        // Given a second line with an empty item, When parsed, Then the error names line 2
        var ex = Assert.Throws<SegmentaInputException>(() => BasketSet.FromLines(["a,b", "a,,b"]));
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromLines_OnlyBlankLines_ThrowsEmpty()
    {
        // Given only blank lines, When parsed, Then the set is empty and that is an error
        var ex = Assert.Throws<SegmentaInputException>(() => BasketSet.FromLines(["", ""]));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }
}
