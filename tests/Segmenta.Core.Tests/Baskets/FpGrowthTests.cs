using Segmenta.Core.Baskets;

namespace Segmenta.Core.Tests.Baskets;

public sealed class FpGrowthTests(GroceriesFixture groceries) : IClassFixture<GroceriesFixture>
{
    [Fact]
    public void Mine_ToyBasketsSupport06_ReturnsTextbookItemsets()
    {
        // Given the five textbook baskets and min support 0.6 (count >= 3)
        var baskets = ToyBaskets.Create();

        // When mined
        var result = FpGrowth.Mine(baskets, new FrequentItemsetOptions { MinSupport = 0.6 });

        // Then the 4 single items and 4 pairs with count >= 3 are found, and no triple
        // ({bread, milk, diapers} is in only 2 baskets)
        Assert.Equal(3, result.MinimumCount);
        var found = result.Itemsets.ToDictionary(s => string.Join("+", s.Items), s => s.Count);
        var expected = new Dictionary<string, int>
        {
            ["bread"] = 4, ["diapers"] = 4, ["milk"] = 4, ["beer"] = 3,
            ["bread+milk"] = 3, ["bread+diapers"] = 3, ["diapers+milk"] = 3, ["beer+diapers"] = 3,
        };
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), found.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(0.6, result.Itemsets.Single(s => s.Items.Count == 2 && s.Items[0] == "beer").Support, 12);
    }

    [Fact]
    public void Mine_ToyBasketsSupport04_FindsTheTwoTriples()
    {
        // Given min support 0.4 (count >= 2)
        var result = FpGrowth.Mine(ToyBaskets.Create(), new FrequentItemsetOptions { MinSupport = 0.4 });

        // Then exactly the triples with count 2 are found: {beer, bread, diapers}, {beer, diapers, milk},
        // {bread, diapers, milk}, {cola, diapers, milk}
        var triples = result.Itemsets.Where(s => s.Items.Count == 3).Select(s => string.Join("+", s.Items)).Order(StringComparer.Ordinal);
        Assert.Equal(["beer+bread+diapers", "beer+diapers+milk", "bread+diapers+milk", "cola+diapers+milk"], triples);
        Assert.All(result.Itemsets.Where(s => s.Items.Count == 3), s => Assert.Equal(2, s.Count));
        Assert.DoesNotContain(result.Itemsets, s => s.Items.Count > 3);
    }

    [Fact]
    public void Mine_MaxLengthOne_OnlySingleItems()
    {
        // Given max length 1, When mined at support 0.6, Then only the 4 frequent single items come back
        var result = FpGrowth.Mine(ToyBaskets.Create(), new FrequentItemsetOptions { MinSupport = 0.6, MaxLength = 1 });
        Assert.Equal(4, result.Itemsets.Count);
        Assert.All(result.Itemsets, s => Assert.Single(s.Items));
    }

    [Theory]
    [InlineData(0.1, 30, 3)]    // 0.1 * 30 = 3.0000000000000004 in binary floating point
    [InlineData(0.001, 9835, 10)]
    [InlineData(0.005, 9835, 50)]
    [InlineData(0.6, 5, 3)]
    [InlineData(1.0, 5, 5)]
    [InlineData(0.0001, 5, 1)]
    public void MinimumCount_SupportTimesN_IsCeilingWithEpsilonGuard(double support, int n, int expected)
    {
        // Given a support and N, When the count threshold is computed, Then it is ceil(support * N)
        Assert.Equal(expected, new FrequentItemsetOptions { MinSupport = support }.MinimumCount(n));
    }

    [Fact]
    public void Mine_GroceriesSupport0001_Finds13492Itemsets()
    {
        // Given Groceries at support 0.001 (count >= 10), max length 10
        var result = FpGrowth.Mine(groceries.Baskets, new FrequentItemsetOptions { MinSupport = 0.001 });

        // Then the itemset count equals arules' apriori(Groceries, parameter = list(supp = 0.001,
        // target = "frequent itemsets")): 13492; the most frequent is whole milk (2513)
        Assert.Equal(13492, result.Itemsets.Count);
        Assert.Equal(["whole milk"], result.Itemsets[0].Items);
        Assert.Equal(2513, result.Itemsets[0].Count);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Mine_SupportOutsideUnitInterval_ThrowsClearMessage(double support)
    {
        // Given a support outside (0, 1], When mining, Then the error names the setting
        var ex = Assert.Throws<SegmentaInputException>(() =>
            FpGrowth.Mine(ToyBaskets.Create(), new FrequentItemsetOptions { MinSupport = support }));
        Assert.Contains("minimum support", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mine_MaxLengthZero_ThrowsClearMessage()
    {
        // Given max length 0, When mining, Then the error names the setting
        var ex = Assert.Throws<SegmentaInputException>(() =>
            FpGrowth.Mine(ToyBaskets.Create(), new FrequentItemsetOptions { MaxLength = 0 }));
        Assert.Contains("maximum itemset length", ex.Message, StringComparison.Ordinal);
    }
}
