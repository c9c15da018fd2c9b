using Segmenta.Core.Baskets;

namespace Segmenta.Core.Tests.Baskets;

public sealed class ItemSimilarityTests(GroceriesFixture groceries) : IClassFixture<GroceriesFixture>
{
    [Fact]
    public void Cosine_ToyPurchases_HandComputed()
    {
        // Given customers c1{A,B} c2{A,B,C} c3{B,C} c4{A,D}: n(A)=3, n(B)=3, n(C)=2, n(D)=1
        var similarity = ItemSimilarity.FromPurchases(ToyPurchases.Train());

        // Then cos = n(X,Y)/sqrt(n(X)n(Y)): A,B = 2/3; B,C = 2/sqrt(6); A,D = 1/sqrt(3); B,D = 0
        Assert.Equal(2.0 / 3.0, similarity.Cosine("A", "B"), 12);
        Assert.Equal(2 / Math.Sqrt(6), similarity.Cosine("C", "B"), 12);
        Assert.Equal(1 / Math.Sqrt(3), similarity.Cosine("A", "D"), 12);
        Assert.Equal(0.0, similarity.Cosine("B", "D"));
        Assert.Equal(1.0, similarity.Cosine("A", "A"));
    }

    [Fact]
    public void AlsoBought_ToyItemB_RanksByCosine()
    {
        // Given the toy purchases, When asked who-bought-B-also-bought, top 5
        var also = ItemSimilarity.FromPurchases(ToyPurchases.Train()).AlsoBought("B", 5);

        // Then C (2/sqrt(6) = 0.8165) before A (2/3), each bought by 2 of B's 3 customers; D never co-occurs
        Assert.Equal(["C", "A"], also.Select(s => s.Item));
        Assert.Equal(2 / Math.Sqrt(6), also[0].Cosine, 12);
        Assert.Equal(2, also[0].CoOccurrenceCount);
        Assert.Equal(2.0 / 3.0, also[0].Confidence, 12);
    }

    [Fact]
    public void Cosine_GroceriesMilkVegetables_FromBasketCoOccurrence()
    {
        // Given Groceries baskets: whole milk 2513, other vegetables 1903, both 736
        // (arules support of {other vegetables, whole milk} = 0.07483477 = 736/9835)
        var similarity = ItemSimilarity.FromBaskets(groceries.Baskets);

        // Then the co-occurrence is 736 and the cosine 736/sqrt(2513*1903) = 0.3365...
        Assert.Equal(736, similarity.CoOccurrence("whole milk", "other vegetables"));
        Assert.Equal(736 / Math.Sqrt(2513.0 * 1903.0), similarity.Cosine("whole milk", "other vegetables"), 12);
        Assert.Equal("other vegetables", similarity.AlsoBought("whole milk", 1)[0].Item);
    }

    [Fact]
    public void AlsoBought_UnknownItemOrZeroCount_ThrowsClearMessage()
    {
        // Given the toy similarity, When asked about an unknown item or for 0 items, Then clear errors
        var similarity = ItemSimilarity.FromPurchases(ToyPurchases.Train());
        var unknown = Assert.Throws<SegmentaInputException>(() => similarity.AlsoBought("Z", 3));
        var zero = Assert.Throws<SegmentaInputException>(() => similarity.AlsoBought("A", 0));
        Assert.Contains("'Z' does not occur", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("at least 1", zero.Message, StringComparison.Ordinal);
    }
}
