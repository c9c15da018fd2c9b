using Segmenta.Core.Baskets;

namespace Segmenta.Core.Tests.Baskets;

public sealed class PopularityRecommenderTests
{
    [Fact]
    public void Recommend_ExcludesBoughtItems_OrdersByCustomerShare()
    {
        // Given popularity E 4/8, A 3/8, B 3/8, C 2/8, D 1/8
        var recommender = new PopularityRecommender(ToyPurchases.Train());

        // When c1 (bought A, B) asks for 3, Then E, C, D with scores 0.5, 0.25, 0.125
        var top = recommender.Recommend("c1", 3);
        Assert.Equal(["E", "C", "D"], top.Select(r => r.Item));
        Assert.Equal([0.5, 0.25, 0.125], top.Select(r => r.Score));
    }

    [Fact]
    public void Recommend_Category_OnlyThatCategory()
    {
        // Given categories, When c1 asks for dairy, Then nothing is left (A and B are bought)
        var recommender = new PopularityRecommender(ToyPurchases.Train(), ToyPurchases.Categories());
        Assert.Empty(recommender.Recommend("c1", 2, "dairy"));
        Assert.Equal(["C", "D"], recommender.Recommend("c1", 5, "bakery").Select(r => r.Item));
    }

    [Fact]
    public void Recommend_TopNZero_ThrowsClearMessage()
    {
        // Given top N = 0, Then the error says at least 1
        var ex = Assert.Throws<SegmentaInputException>(() => new PopularityRecommender(ToyPurchases.Train()).Recommend("c1", 0));
        Assert.Contains("at least 1", ex.Message, StringComparison.Ordinal);
    }
}
