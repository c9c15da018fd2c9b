using Segmenta.Core.Rfm;

namespace Segmenta.Core.Tests.Rfm;

public class RfmScorerTests
{
    [Fact]
    public void ScoreQuintiles_TenDistinctValues_TwoPerQuintile()
    {
        // Given ten distinct frequencies 1..10 (n = 10)
        var values = Enumerable.Range(1, 10).Select(x => (double)x).ToList();

        // When scored (more is better)
        var scores = RfmScorer.ScoreQuintiles(values, lowerIsBetter: false);

        // Then 1 + floor(5 (rank-1) / 10) gives 1,1,2,2,3,3,4,4,5,5
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], scores);
    }

    [Fact]
    public void ScoreQuintiles_TiesInTheMiddle_TiesShareTheScoreOfTheirFirstRank()
    {
        // Given frequencies 10, 20, 20, 20, 30: rank() gives 1, 2, 2, 2, 5
        double[] values = [10, 20, 20, 20, 30];

        // When scored
        var scores = RfmScorer.ScoreQuintiles(values, lowerIsBetter: false);

        // Then 1+floor(0/5)=1, 1+floor(5/5)=2 (three times), 1+floor(20/5)=5
        Assert.Equal([1, 2, 2, 2, 5], scores);
    }

    [Fact]
    public void ScoreQuintiles_InputOrderShuffled_ScoresFollowTheValues()
    {
        // Given the tie example in another order
        double[] values = [20, 30, 20, 10, 20];

        // When scored
        var scores = RfmScorer.ScoreQuintiles(values, lowerIsBetter: false);

        // Then each value keeps its score: 20→2, 30→5, 10→1
        Assert.Equal([2, 5, 2, 1, 2], scores);
    }

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(2, new[] { 1, 3 })]
    [InlineData(3, new[] { 1, 2, 4 })]
    [InlineData(4, new[] { 1, 2, 3, 4 })]
    [InlineData(5, new[] { 1, 2, 3, 4, 5 })]
    public void ScoreQuintiles_FewerThanFiveCustomers_FollowsTheFormula(int n, int[] expected)
    {
        // Given n distinct values 1..n
        var values = Enumerable.Range(1, n).Select(x => (double)x).ToList();

        // When scored
        var scores = RfmScorer.ScoreQuintiles(values, lowerIsBetter: false);

        // Then e.g. n=3: 1+floor(0/3)=1, 1+floor(5/3)=2, 1+floor(10/3)=4
        Assert.Equal(expected, scores);
    }

    [Fact]
    public void ScoreQuintiles_RecencyDays_FewestDaysScoresFive()
    {
        // Given recency days 1, 5, 5, 30, 100; descending order ranks 100→1, 30→2, 5→3 (twice), 1→5
        double[] days = [1, 5, 5, 30, 100];

        // When scored with lower-is-better
        var scores = RfmScorer.ScoreQuintiles(days, lowerIsBetter: true);

        // Then 1 day → 1+floor(20/5)=5; 5 days → 1+floor(10/5)=3; 30 → 2; 100 → 1
        Assert.Equal([5, 3, 3, 2, 1], scores);
    }

    [Fact]
    public void ScoreQuintiles_AllValuesEqual_AllScoreOne()
    {
        // Given four customers with the same frequency
        double[] values = [3, 3, 3, 3];

        // When scored
        var scores = RfmScorer.ScoreQuintiles(values, lowerIsBetter: false);

        // Then all share rank 1 and score 1
        Assert.Equal([1, 1, 1, 1], scores);
    }

    [Fact]
    public void ScoreForRank_LargePopulation_ExactIntegerQuotient()
    {
        // Given n = 1,000,000 and rank 200,001 (5 × 200,000 / 1,000,000 = exactly 1)
        // When scored
        var score = RfmScorer.ScoreForRank(200_001, 1_000_000);

        // Then the boundary lands in quintile 2, rank 200,000 stays in 1
        Assert.Equal(2, score);
        Assert.Equal(1, RfmScorer.ScoreForRank(200_000, 1_000_000));
    }

    [Fact]
    public void Score_VisitBasisWithNonBuyers_NonBuyersGetMonetaryOne()
    {
        // Given five visitors; three never bought (monetary 0), one refund-only (-10 counts as 0)
        RfmValues[] customers =
        [
            new("a", 2, 9, 0),
            new("b", 10, 3, 0),
            new("c", 40, 1, -10),
            new("d", 2, 4, 50),
            new("e", 7, 6, 80),
        ];

        // When scored
        var result = RfmScorer.Score(customers);

        // Then M: 0,0,0 → rank 1 → 1; 50 → rank 4 → 1+floor(15/5)=4; 80 → 5
        // R (days desc: 40→1, 10→2, 7→3, 2→4 twice): 2 days → 1+floor(15/5)=4, 10 → 2, 40 → 1, 7 → 3
        // F (1,3,4,6,9 ranks 1..5): 9→5, 3→2, 1→1, 4→3, 6→4
        Assert.Equal(
            [new RfmScore(4, 5, 1), new RfmScore(2, 2, 1), new RfmScore(1, 1, 1), new RfmScore(4, 3, 4), new RfmScore(3, 4, 5)],
            result.Customers.Select(c => c.Score));
        Assert.Equal("c", result.Customers[2].Values.CustomerId);
    }

    [Fact]
    public void Score_NegativeFrequency_ErrorNamesCustomer()
    {
        // Given a customer with frequency -1
        RfmValues[] customers = [new("ok", 1, 1, 1), new("C-42", 3, -1, 10)];

        // When scored
        var ex = Assert.Throws<SegmentaInputException>(() => RfmScorer.Score(customers));

        // Then the message names the customer, row and measure
        Assert.Equal("customer 'C-42' (row 2) has frequency -1; it must be a finite number of 0 or more", ex.Message);
    }

    [Fact]
    public void ScoreQuintiles_NaN_ErrorNamesPosition()
    {
        // Given a NaN at position 3
        double[] values = [1, 2, double.NaN];

        // When scored
        var ex = Assert.Throws<SegmentaInputException>(() => RfmScorer.ScoreQuintiles(values, false));

        // Then the position is named
        Assert.StartsWith("value at position 3 is NaN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_NoCustomers_EmptyResult()
    {
        // Given no customers
        // When scored
        var result = RfmScorer.Score([]);

        // Then nothing is returned
        Assert.Empty(result.Customers);
    }
}
