using Segmenta.Core.Baskets;

namespace Segmenta.Core.Tests.Baskets;

public sealed class AssociationRulesTests(GroceriesFixture groceries) : IClassFixture<GroceriesFixture>
{
    private static AssociationRule Find(AssociationRuleResult result, string antecedent, string consequent) =>
        result.Rules.Single(r => string.Join("+", r.Antecedent) == antecedent && string.Join("+", r.Consequent) == consequent);

    [Fact]
    public void Mine_ToyDiapersToBeer_HandComputedMetrics()
    {
        // Given the textbook baskets: n(diapers) = 4, n(beer) = 3, n(diapers, beer) = 3, N = 5
        var result = AssociationRules.Mine(ToyBaskets.Create(), new AssociationRuleOptions { MinSupport = 0.6, MinConfidence = 0.7 });

        // When the rule {diapers} => {beer} is read
        var rule = Find(result, "diapers", "beer");

        // Then support 3/5, confidence 3/4, lift 0.75/0.6 = 1.25,
        // leverage 0.6 - 0.8*0.6 = 0.12, conviction (1 - 0.6)/(1 - 0.75) = 1.6
        Assert.Equal((3, 4, 3), (rule.Count, rule.AntecedentCount, rule.ConsequentCount));
        Assert.Equal(0.6, rule.Support, 12);
        Assert.Equal(0.75, rule.Confidence, 12);
        Assert.Equal(1.25, rule.Lift, 12);
        Assert.Equal(0.12, rule.Leverage, 12);
        Assert.Equal(1.6, rule.Conviction, 12);
    }

    [Fact]
    public void Mine_ToyBeerToDiapers_ConfidenceOneGivesInfiniteConviction()
    {
        // Given every basket with beer also holds diapers (3 of 3)
        var result = AssociationRules.Mine(ToyBaskets.Create(), new AssociationRuleOptions { MinSupport = 0.6, MinConfidence = 0.7 });

        // When the rule {beer} => {diapers} is read
        var rule = Find(result, "beer", "diapers");

        // Then confidence is 1, lift 1/0.8 = 1.25, leverage 0.12 and conviction +infinity
        Assert.Equal(1.0, rule.Confidence, 12);
        Assert.Equal(1.25, rule.Lift, 12);
        Assert.Equal(0.12, rule.Leverage, 12);
        Assert.Equal(double.PositiveInfinity, rule.Conviction);
    }

    [Fact]
    public void Mine_ToyMilkToBread_NegativeLeverageAndConvictionBelowOne()
    {
        // Given n(milk) = n(bread) = 4, n(milk, bread) = 3, N = 5
        var result = AssociationRules.Mine(ToyBaskets.Create(), new AssociationRuleOptions { MinSupport = 0.6, MinConfidence = 0.7 });
        var rule = Find(result, "milk", "bread");

        // Then lift 0.75/0.8 = 0.9375, leverage 0.6 - 0.64 = -0.04, conviction 0.2/0.25 = 0.8
        Assert.Equal(0.9375, rule.Lift, 12);
        Assert.Equal(-0.04, rule.Leverage, 12);
        Assert.Equal(0.8, rule.Conviction, 12);
    }

    [Theory]
    [InlineData(0.7, 8)]  // both directions of the 4 frequent pairs (confidence 0.75 or 1)
    [InlineData(0.8, 1)]  // only {beer} => {diapers} (confidence 1)
    [InlineData(0.75, 8)] // confidence exactly at the threshold is kept
    public void Mine_ToySupport06_RuleCountByConfidence(double minConfidence, int expected)
    {
        // Given the textbook baskets at support 0.6, When rules are mined, Then the count is as hand-derived
        var result = AssociationRules.Mine(ToyBaskets.Create(), new AssociationRuleOptions { MinSupport = 0.6, MinConfidence = minConfidence });
        Assert.Equal(expected, result.Rules.Count);
    }

    [Fact]
    public void Mine_MaxConsequentTwo_AddsMultiItemConsequents()
    {
        // Given support 0.4 and confidence 0.5, with two-item consequents allowed
        var options = new AssociationRuleOptions { MinSupport = 0.4, MinConfidence = 0.5 };
        var single = AssociationRules.Mine(ToyBaskets.Create(), options);
        var multi = AssociationRules.Mine(ToyBaskets.Create(), options with { MaxConsequentLength = 2 });

        // When the rule {bread} => {diapers, milk} is read: n(A∪C) = 2, n(bread) = 4, n(diapers, milk) = 3
        var rule = Find(multi, "bread", "diapers+milk");

        // Then confidence 0.5, lift 2*5/(4*3) = 0.8333..., conviction (1 - 0.6)/(1 - 0.5) = 0.8,
        // and the default (one-item consequents) has no such rule
        Assert.Equal(0.5, rule.Confidence, 12);
        Assert.Equal(10.0 / 12.0, rule.Lift, 12);
        Assert.Equal(0.8, rule.Conviction, 12);
        Assert.All(single.Rules, r => Assert.Single(r.Consequent));
        Assert.True(multi.Rules.Count > single.Rules.Count);
    }

    [Fact]
    public void Filter_ByItemAndSide_KeepsMatchingRules()
    {
        // Given the 8 rules at support 0.6, confidence 0.7
        var result = AssociationRules.Mine(ToyBaskets.Create(), new AssociationRuleOptions { MinSupport = 0.6, MinConfidence = 0.7 });

        // Then beer is in 2 rules, on the right-hand side of 1 ({diapers} => {beer})
        Assert.Equal(2, result.Filter("beer").Rules.Count);
        Assert.Equal("{diapers} => {beer}", result.Filter("beer", RuleSide.Consequent).Rules.Single().ToString());
        Assert.Empty(result.Filter("no such item").Rules);
    }

    [Theory]
    [InlineData(0.001, 0.8, 410)]
    [InlineData(0.001, 0.5, 5668)]
    [InlineData(0.005, 0.5, 120)]
    public void Mine_Groceries_RuleCountMatchesArules(double support, double confidence, int expected)
    {
        // Given Groceries, When rules are mined with arules' defaults otherwise (maxlen 10, one-item consequent)
        var result = AssociationRules.Mine(groceries.Baskets, new AssociationRuleOptions { MinSupport = support, MinConfidence = confidence });

        // Then the rule count is the published one
        Assert.Equal(expected, result.Rules.Count);
    }

    [Fact]
    public void Mine_GroceriesConf08_TopLiftRuleIsLiquorWineBeer()
    {
        // Given Groceries at support 0.001, confidence 0.8
        var result = AssociationRules.Mine(groceries.Baskets, new AssociationRuleOptions { MinSupport = 0.001, MinConfidence = 0.8 });

        // When rules are sorted by lift, Then the first is {liquor, red/blush wine} => {bottled beer}
        var top = result.Rules[0];
        Assert.Equal(["liquor", "red/blush wine"], top.Antecedent);
        Assert.Equal(["bottled beer"], top.Consequent);
        Assert.Equal(0.001931876, top.Support, 9);
        Assert.Equal(0.9047619, top.Confidence, 7);
        Assert.Equal(11.235269, top.Lift, 6);
    }

    [Fact]
    public void Mine_GroceriesConf05_TopLiftRuleIsInstantFoodSodaHamburger()
    {
        // Given Groceries at support 0.001, confidence 0.5
        var result = AssociationRules.Mine(groceries.Baskets, new AssociationRuleOptions { MinSupport = 0.001, MinConfidence = 0.5 });

        // Then the top rule by lift is {Instant food products, soda} => {hamburger meat}
        var top = result.Rules[0];
        Assert.Equal(["Instant food products", "soda"], top.Antecedent);
        Assert.Equal(["hamburger meat"], top.Consequent);
        Assert.Equal(0.001220132, top.Support, 9);
        Assert.Equal(0.6315789, top.Confidence, 7);
        Assert.Equal(18.995654, top.Lift, 6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Mine_ConfidenceOutsideRange_ThrowsClearMessage(double confidence)
    {
        // Given a confidence outside (0, 1], When mining, Then the error names the setting
        var ex = Assert.Throws<SegmentaInputException>(() =>
            AssociationRules.Mine(ToyBaskets.Create(), new AssociationRuleOptions { MinConfidence = confidence }));
        Assert.Contains("minimum confidence", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void Mine_SupportOutsideRange_ThrowsClearMessage(double support)
    {
        // Given a support outside (0, 1], When mining rules, Then the error names the setting
        var ex = Assert.Throws<SegmentaInputException>(() =>
            AssociationRules.Mine(ToyBaskets.Create(), new AssociationRuleOptions { MinSupport = support }));
        Assert.Contains("minimum support", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mine_MaxLengthAndConsequentBelowOne_ThrowClearMessages()
    {
        // Given max length 0 or max consequent length 0, When mining, Then each error names its setting
        var length = Assert.Throws<SegmentaInputException>(() =>
            AssociationRules.Mine(ToyBaskets.Create(), new AssociationRuleOptions { MaxLength = 0 }));
        var consequent = Assert.Throws<SegmentaInputException>(() =>
            AssociationRules.Mine(ToyBaskets.Create(), new AssociationRuleOptions { MaxConsequentLength = 0 }));
        Assert.Contains("maximum itemset length", length.Message, StringComparison.Ordinal);
        Assert.Contains("maximum consequent length", consequent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mine_MaxLengthOne_NoRulesNoHang()
    {
        // Given max length 1 (a rule needs 2 items), When mining at the smallest count, Then no rules
        var result = AssociationRules.Mine(ToyBaskets.Create(), new AssociationRuleOptions { MinSupport = 0.2, MinConfidence = 0.1, MaxLength = 1 });
        Assert.Empty(result.Rules);
        Assert.Equal(6, result.FrequentItemsetCount);
    }
}
