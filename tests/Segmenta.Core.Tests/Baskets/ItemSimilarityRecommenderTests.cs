using Segmenta.Core.Baskets;

namespace Segmenta.Core.Tests.Baskets;

public sealed class ItemSimilarityRecommenderTests
{
    [Fact]
    public void Recommend_CustomerWithAB_ScoresAreSumsOfCosines()
    {
        // Given c1 bought A and B
        var recommender = new ItemSimilarityRecommender(ToyPurchases.Train());

        // When top 2 are asked
        var top = recommender.Recommend("c1", 2);

        // Then C = cos(A,C) + cos(B,C) = 1/sqrt(6) + 2/sqrt(6) = 1.2247, D = cos(A,D) = 1/sqrt(3)
        Assert.Equal(["C", "D"], top.Select(r => r.Item));
        Assert.Equal(3 / Math.Sqrt(6), top[0].Score, 12);
        Assert.Equal(1 / Math.Sqrt(3), top[1].Score, 12);
        Assert.All(top, r => Assert.Equal(RecommendationSource.Similarity, r.Source));
    }

    [Fact]
    public void Recommend_FewScoredItems_PadsWithPopularItemNotBought()
    {
        // Given c3 bought B and C: only A has a positive score (2/3 + 1/sqrt(6))
        var recommender = new ItemSimilarityRecommender(ToyPurchases.Train());

        // When top 2 are asked
        var top = recommender.Recommend("c3", 2);

        // Then A, then the most popular unbought item E (4 of 8 customers = 0.5)
        Assert.Equal(["A", "E"], top.Select(r => r.Item));
        Assert.Equal((2.0 / 3.0) + (1 / Math.Sqrt(6)), top[0].Score, 12);
        Assert.Equal(RecommendationSource.Popularity, top[1].Source);
        Assert.Equal(0.5, top[1].Score, 12);
    }

    [Fact]
    public void Recommend_NoPadding_ReturnsOnlyScoredItems()
    {
        // Given padding is off, When c3 asks for 3 items, Then only A (the one scored item) comes back
        var recommender = new ItemSimilarityRecommender(ToyPurchases.Train(), new RecommenderOptions { PadWithPopular = false });
        Assert.Equal(["A"], recommender.Recommend("c3", 3).Select(r => r.Item));
    }

    [Fact]
    public void Recommend_RestrictedToCategory_OnlyThatCategory()
    {
        // Given categories A,B dairy; C,D bakery; E produce
        var recommender = new ItemSimilarityRecommender(ToyPurchases.Train(), ToyPurchases.Categories());

        // When c4 (bought A, D) asks for 2 bakery items, Then only C (cos(A,C) = 1/sqrt(6)); D is already bought
        var bakery = recommender.Recommend("c4", 2, "bakery");
        Assert.Equal(["C"], bakery.Select(r => r.Item));
        Assert.Equal(1 / Math.Sqrt(6), bakery[0].Score, 12);

        // And c3 asking for dairy gets A only (B is already bought)
        Assert.Equal(["A"], recommender.Recommend("c3", 2, "dairy").Select(r => r.Item));
    }

    [Fact]
    public void Recommend_UnknownCategoryOrNoMap_ThrowsClearMessage()
    {
        // Given a category that is not in the map, or no map at all, Then clear errors
        var withMap = new ItemSimilarityRecommender(ToyPurchases.Train(), ToyPurchases.Categories());
        var withoutMap = new ItemSimilarityRecommender(ToyPurchases.Train());
        var unknown = Assert.Throws<SegmentaInputException>(() => withMap.Recommend("c1", 2, "toys"));
        var noMap = Assert.Throws<SegmentaInputException>(() => withoutMap.Recommend("c1", 2, "bakery"));
        Assert.Contains("'toys' does not occur", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("no item-category map", noMap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recommend_NewCustomer_GetsMostPopularItems()
    {
        // Given a customer with no training purchases, When top 3 are asked,
        // Then popularity order: E (4), A (3), B (3, after A by name)
        var top = new ItemSimilarityRecommender(ToyPurchases.Train()).Recommend("nobody", 3);
        Assert.Equal(["E", "A", "B"], top.Select(r => r.Item));
    }

    [Fact]
    public void Recommend_BasketSimilarity_UsesBasketCoOccurrence()
    {
        // Given similarity from baskets where X and Y share 2 of 2 baskets, and c1 bought X
        var baskets = BasketSet.Create([["X", "Y"], ["X", "Y"], ["Z"]]);
        var train = PurchaseHistory.Create([new("c1", "X"), new("c2", "Z"), new("c3", "Z")]);
        var recommender = new ItemSimilarityRecommender(train, similarity: ItemSimilarity.FromBaskets(baskets));

        // When c1 asks for 1 item, Then Y with cosine 2/sqrt(2*2) = 1, though nobody in train bought Y
        var top = recommender.Recommend("c1", 1);
        Assert.Equal("Y", top.Single().Item);
        Assert.Equal(1.0, top[0].Score, 12);
    }
}
