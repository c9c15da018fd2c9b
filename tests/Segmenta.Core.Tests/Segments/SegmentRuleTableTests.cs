using Segmenta.Core.Rfm;
using Segmenta.Core.Segments;

namespace Segmenta.Core.Tests.Segments;

public class SegmentRuleTableTests
{
    public static TheoryData<int, int, int, bool, string> Examples => new()
    {
        { 5, 5, 5, false, "vip" },
        { 4, 4, 4, true, "vip" },
        { 3, 5, 4, false, "lapsing_vip" },
        { 2, 4, 5, false, "lapsing_vip" },
        { 5, 3, 2, false, "potential_vip" },
        { 5, 3, 1, false, "catch_now" },
        { 4, 5, 3, true, "potential_vip" },
        { 3, 1, 1, true, "new" },
        { 5, 2, 5, true, "new" },
        { 5, 1, 5, false, "catch_now" },
        { 3, 2, 2, false, "needs_attention" },
        { 2, 5, 1, false, "at_risk" },
        { 1, 4, 5, false, "churned_vip" },
        { 1, 5, 2, false, "churned_potential_vip" },
        { 1, 1, 1, false, "churned" },
    };

    private static IEnumerable<(RfmScore Score, bool IsNew)> AllCombinations() =>
        from s in RfmScore.All from isNew in new[] { false, true } select (s, isNew);

    /// <summary>The documented default rules written independently as plain C#, to check the table against.</summary>
    private static string Reference(int r, int f, int m, bool isNew)
    {
        var vipValue = f >= 4 && m >= 4;
        if (r >= 4 && vipValue)
        {
            return "vip";
        }
        if (r is 2 or 3 && vipValue)
        {
            return "lapsing_vip";
        }
        if (r >= 4 && f >= 3 && m >= 2)
        {
            return "potential_vip";
        }
        if (isNew)
        {
            return "new";
        }
        return r switch
        {
            >= 4 => "catch_now",
            3 => "needs_attention",
            2 => "at_risk",
            _ => vipValue ? "churned_vip" : f >= 3 && m >= 2 ? "churned_potential_vip" : "churned",
        };
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Classify_DocumentedExamples_ExpectedSegment(int r, int f, int m, bool isNew, string expected)
    {
        // Given a score from the documentation
        // When classified with the default table
        var rule = SegmentRuleTable.Default.Classify(new RfmScore(r, f, m), isNew);

        // Then the segment is the documented one
        Assert.Equal(expected, rule?.Id);
    }

    [Fact]
    public void Default_All250Combinations_EachLandsInOneSegmentWithDocumentedCounts()
    {
        // Given all 125 scores × is_new true/false
        // When each is classified (first match wins)
        var counts = AllCombinations()
            .Select(c => SegmentRuleTable.Default.Classify(c.Score, c.IsNew))
            .Select(rule => rule?.Id ?? "(none)")
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // Then none is left unmatched, all ten segments are reached, with these counts
        // (is_new = false / true): vip 8/8, lapsing_vip 8/8, potential_vip 16/16, new 0/93,
        // catch_now 26, needs_attention 21, at_risk 21, churned_vip 4, churned_potential_vip 8, churned 13.
        Assert.Equal(
            new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["vip"] = 16,
                ["lapsing_vip"] = 16,
                ["potential_vip"] = 32,
                ["new"] = 93,
                ["catch_now"] = 26,
                ["needs_attention"] = 21,
                ["at_risk"] = 21,
                ["churned_vip"] = 4,
                ["churned_potential_vip"] = 8,
                ["churned"] = 13,
            },
            counts);
    }

    [Fact]
    public void Default_IgnoringOrder_EveryCombinationMatchesAtLeastOneRule()
    {
        // Given all 250 combinations
        // When every rule is tested on its own
        var unmatched = AllCombinations()
            .Where(c => SegmentRuleTable.Default.AllMatches(SegmentRuleTable.ScoreValues(c.Score, c.IsNew)).Count == 0)
            .ToList();

        // Then no combination escapes all ten conditions
        Assert.Empty(unmatched);
    }

    [Fact]
    public void Default_All250Combinations_AgreesWithIndependentReference()
    {
        // Given the rules re-implemented as plain C# from the documentation
        // When both classify every combination
        var disagreements = AllCombinations()
            .Where(c => SegmentRuleTable.Default.Classify(c.Score, c.IsNew)?.Id != Reference(c.Score.R, c.Score.F, c.Score.M, c.IsNew))
            .Select(c => $"{c.Score.Code}/{c.IsNew}")
            .ToList();

        // Then they never disagree
        Assert.Empty(disagreements);
    }

    [Fact]
    public void Default_Rules_TenInDocumentedOrderWithKoreanNames()
    {
        // Given the default table
        // When its ids and Korean names are listed
        var rules = SegmentRuleTable.Default.Rules;

        // Then the order is the product's priority order
        Assert.Equal(
            ["vip", "lapsing_vip", "potential_vip", "new", "catch_now", "needs_attention", "at_risk", "churned_vip", "churned_potential_vip", "churned"],
            rules.Select(r => r.Id));
        Assert.Equal(
            ["VIP", "뜸한 VIP", "잠재 VIP", "신규 고객", "지금 잡아야 할 고객", "신경 써야 할 고객", "이탈 우려 고객", "이탈한 VIP", "이탈한 잠재 VIP", "이탈한 고객"],
            rules.Select(r => r.KoreanName));
    }

    [Fact]
    public void ToSqlCase_Default_ExactCaseExpression()
    {
        // Given the default table
        // When compiled to one CASE expression
        var sql = SegmentRuleTable.Default.ToSqlCase();

        // Then each rule is a WHEN in order, segment ids are parameters too
        Assert.Equal(
            "CASE"
            + " WHEN r_score >= $1 AND f_score >= $2 AND m_score >= $3 THEN $4"
            + " WHEN r_score BETWEEN $5 AND $6 AND f_score >= $7 AND m_score >= $8 THEN $9"
            + " WHEN r_score >= $10 AND f_score >= $11 AND m_score >= $12 THEN $13"
            + " WHEN is_new THEN $14"
            + " WHEN r_score >= $15 THEN $16"
            + " WHEN r_score = $17 THEN $18"
            + " WHEN r_score = $19 THEN $20"
            + " WHEN r_score = $21 AND f_score >= $22 AND m_score >= $23 THEN $24"
            + " WHEN r_score = $25 AND f_score >= $26 AND m_score >= $27 THEN $28"
            + " WHEN r_score = $29 THEN $30"
            + " END",
            sql.Sql);
        Assert.Equal(30, sql.Parameters.Count);
        Assert.Equal([4m, 4m, 4m, "vip"], sql.Parameters.Take(4));
        Assert.Equal([1m, "churned"], sql.Parameters.Skip(28));
    }

    [Fact]
    public void Constructor_BadCondition_ErrorNamesRule()
    {
        // Given a custom table whose second rule misspells a field
        SegmentRule[] rules =
        [
            new("vip", "VIP", "VIP", "", "", "r >= 4"),
            new("big_spenders", "Big spenders", "큰손", "", "", "monetray > 100000"),
        ];

        // When the table is built
        var ex = Assert.Throws<SegmentaInputException>(() => new SegmentRuleTable(rules, FieldCatalog.Default));

        // Then the rule number, id and the field problem are named
        Assert.StartsWith(
            "segment rule 2 'big_spenders' condition: unknown field 'monetray' at column 1; did you mean 'monetary'?",
            ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateId_Throws()
    {
        // Given two rules with the id 'vip'
        SegmentRule[] rules =
        [
            new("vip", "VIP", "VIP", "", "", "r >= 4"),
            new("vip", "VIP again", "VIP", "", "", "r >= 3"),
        ];

        // When the table is built
        var ex = Assert.Throws<SegmentaInputException>(() => new SegmentRuleTable(rules, FieldCatalog.Default));

        // Then the second rule is blamed
        Assert.Equal("segment rule 2: id 'vip' is used by an earlier rule", ex.Message);
    }

    [Fact]
    public void FirstMatch_CustomTableWithoutCatchAll_NullWhenNothingMatches()
    {
        // Given a one-rule table for Korean customers
        var table = new SegmentRuleTable([new SegmentRule("korea", "Korea", "한국", "", "", "country = 'KR'")], FieldCatalog.Default);

        // When a Japanese customer is classified
        var rule = table.FirstMatch(new Dictionary<string, object?> { ["country"] = "JP" });

        // Then no segment applies
        Assert.Null(rule);
    }
}
