using Segmenta.Core.Rfm;

namespace Segmenta.Core.Tests.Rfm;

public class RfmScoreTests
{
    [Fact]
    public void Constructor_ScoreSix_ThrowsNamingDimension()
    {
        // Given an F of 6
        // When constructed
        var ex = Assert.Throws<SegmentaInputException>(() => new RfmScore(5, 6, 1));

        // Then the message names F and the range
        Assert.Equal("RFM score F must be between 1 and 5, got 6", ex.Message);
    }

    [Fact]
    public void Code_ScoreFiveFourThree_Is543()
    {
        // Given R5 F4 M3
        // When written as a code
        // Then it reads 543
        Assert.Equal("543", new RfmScore(5, 4, 3).Code);
    }

    [Fact]
    public void All_Enumerated_Has125DistinctCombinations()
    {
        // Given every combination
        // When counted
        // Then 5^3 = 125, from 111 to 555
        Assert.Equal(125, RfmScore.All.Distinct().Count());
        Assert.Equal("111", RfmScore.All[0].Code);
        Assert.Equal("555", RfmScore.All[^1].Code);
    }
}
