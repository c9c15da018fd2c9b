using Segmenta.Core.Baskets;

namespace Segmenta.Core.Tests.Baskets;

public sealed class RecommenderEvaluationTests
{
    // Evaluated customers: c1 (new item C), c3 (new item A), c4 (new item C; A was bought in train).
    // c2 only re-bought A (nothing new); c9 has no training purchases. So 3 customers, 5 catalogue items.

    [Fact]
    public void Evaluate_ModelAtK1_HandComputed()
    {
        // Given top-1 lists: c1 -> C (hit), c3 -> A (hit), c4 -> B (miss; C scores only 1/sqrt(6) < 2/3)
        var train = ToyPurchases.Train();
        var result = RecommenderEvaluation.Evaluate(new ItemSimilarityRecommender(train), train, ToyPurchases.Test(), 1);

        // Then hit rate 2/3, precision 2/3, recall 2/3, coverage {A, B, C} = 3/5
        Assert.Equal(3, result.CustomersEvaluated);
        Assert.Equal(2, result.CustomersWithHit);
        Assert.Equal(2.0 / 3.0, result.HitRate, 12);
        Assert.Equal(2.0 / 3.0, result.Precision, 12);
        Assert.Equal(2.0 / 3.0, result.Recall, 12);
        Assert.Equal(0.6, result.Coverage, 12);
    }

    [Fact]
    public void Evaluate_PopularityAtK1_HandComputed()
    {
        // Given every evaluated customer's top-1 popular unbought item is E, which nobody buys in test
        var train = ToyPurchases.Train();
        var result = RecommenderEvaluation.Evaluate(new PopularityRecommender(train), train, ToyPurchases.Test(), 1);

        // Then hit rate 0, precision 0, coverage 1/5
        Assert.Equal(0.0, result.HitRate);
        Assert.Equal(0.0, result.Precision);
        Assert.Equal(0.2, result.Coverage, 12);
    }

    [Fact]
    public void CompareWithPopularity_AtK2_ModelBeatsBaseline()
    {
        // Given top-2 lists. Model: c1 [C, D] hit, c3 [A, E] hit, c4 [B, C] hit.
        // Popularity: c1 [E, C] hit, c3 [E, A] hit, c4 [E, B] miss.
        var comparison = RecommenderEvaluation.CompareWithPopularity(ToyPurchases.Train(), ToyPurchases.Test(), 2);

        // Then model: hit rate 1, precision 3/6 = 0.5, coverage 5/5;
        // popularity: hit rate 2/3, precision 2/6, coverage {E, C, A, B} = 4/5
        Assert.Equal(1.0, comparison.Model.HitRate, 12);
        Assert.Equal(0.5, comparison.Model.Precision, 12);
        Assert.Equal(1.0, comparison.Model.Coverage, 12);
        Assert.Equal(2.0 / 3.0, comparison.Popularity.HitRate, 12);
        Assert.Equal(1.0 / 3.0, comparison.Popularity.Precision, 12);
        Assert.Equal(0.8, comparison.Popularity.Coverage, 12);
        Assert.Equal(1.0 / 3.0, comparison.HitRateLift, 12);
    }

    [Fact]
    public void SplitByTime_Cutoff_StrictlyBeforeIsTrain()
    {
        // Given three dated purchases, When split at 2024-02-01, Then 2 train (before), 1 test (at the cutoff)
        var cutoff = new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var split = RecommenderEvaluation.SplitByTime(
        [
            new("c1", "A", new DateTime(2024, 1, 5, 0, 0, 0, DateTimeKind.Utc)),
            new("c1", "B", new DateTime(2024, 1, 31, 23, 59, 59, DateTimeKind.Utc)),
            new("c1", "C", cutoff),
        ], cutoff);
        Assert.Equal(["A", "B"], split.Train.ItemsOf("c1"));
        Assert.Equal("C", split.Test.Single().Item);
    }

    [Fact]
    public void Evaluate_NoEvaluableCustomer_ThrowsClearMessage()
    {
        // Given test purchases that only repeat training items, Then nobody can be evaluated
        var train = ToyPurchases.Train();
        var ex = Assert.Throws<SegmentaInputException>(() =>
            RecommenderEvaluation.Evaluate(new PopularityRecommender(train), train, [new Purchase("c1", "A")], 3));
        Assert.Contains("no customer can be evaluated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EmptyPurchases_ThrowsClearMessage()
    {
        // Given no purchases, Then building a history fails with a clear message
        var ex = Assert.Throws<SegmentaInputException>(() => PurchaseHistory.Create([]));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }
}
