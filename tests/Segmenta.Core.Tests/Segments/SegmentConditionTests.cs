using Segmenta.Core.Segments;

namespace Segmenta.Core.Tests.Segments;

public class SegmentConditionTests
{
    private static SegmentCondition Parse(string text) => SegmentCondition.Parse(text, FieldCatalog.Default);

    private static Dictionary<string, object?> Values(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    // ---- columns read ------------------------------------------------------------------------

    [Fact]
    public void Columns_EveryFieldOfEveryForm_ByItsSqlColumn()
    {
        var condition = Parse("not (r between 2 and 3) and recency in (1, 2) or country is null and (m >= f or segment = 'vip')");
        Assert.Equal(["country", "f_score", "m_score", "r_score", "recency_days", "segment_id"], condition.Columns.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Columns_DefaultRuleTable_OnlyScoresAndNewFlag()
    {
        Assert.Equal(["f_score", "is_new", "m_score", "r_score"], SegmentRuleTable.Default.Columns.Order(StringComparer.Ordinal));
    }

    // ---- validation -------------------------------------------------------------------------

    [Fact]
    public void Parse_MisspelledField_NamesFieldColumnAndSuggestion()
    {
        // Given 'recnecy' instead of 'recency'
        // When parsed against the default catalog
        var ex = Assert.Throws<SegmentaInputException>(() => Parse("recnecy > 3"));

        // Then the message names the field, column 1 and the closest known field
        Assert.Equal("unknown field 'recnecy' at column 1; did you mean 'recency'?\n  recnecy > 3\n  ^", ex.Message);
    }

    [Fact]
    public void Parse_UnknownFieldFarFromAll_ListsKnownFields()
    {
        // Given a field nothing resembles, at column 12
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => Parse("r >= 4 and zzzzzz = 1"));

        // Then the known fields are listed
        Assert.StartsWith(
            "unknown field 'zzzzzz' at column 12; known fields: r, f, m, recency, frequency, monetary, days_since_last_order, purchase_probability, churn_probability, coupon_uplift, clv, is_new, segment, country",
            ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextComparedWithNumber_TypeErrorAtOperator()
    {
        // Given a text field compared with a number
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => Parse("country = 3"));

        // Then the error names both sides and points at '=' (column 9)
        Assert.Equal("type error at column 9: cannot compare the text field 'country' with the number 3\n  country = 3\n          ^", ex.Message);
    }

    [Fact]
    public void Parse_TextOrdered_TypeError()
    {
        // Given '<' on text
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => Parse("country < 'KR'"));

        // Then only =, != and in are allowed for text
        Assert.StartsWith("type error at column 9: '<' cannot order text values (the text field 'country'); text allows only =, != and in", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NumberUsedAsCondition_TypeError()
    {
        // Given 'is_new and r'
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => Parse("is_new and r"));

        // Then 'and' complains about r at column 12
        Assert.StartsWith("type error at column 12: 'and' needs a true/false condition, but got the number field 'r'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WholeConditionIsNumber_TypeError()
    {
        // Given just 'clv'
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => Parse("clv"));

        // Then the user is told a condition must be true/false
        Assert.StartsWith("type error at column 1: a condition must be true or false, but this is the number field 'clv'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InListMixedTypes_TypeErrorAtOffendingValue()
    {
        // Given a number inside a text 'in' list
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => Parse("country in ('KR', 82)"));

        // Then the 82 at column 19 is blamed
        Assert.StartsWith("type error at column 19: the list of 'in' mixes types: the text field 'country' cannot equal the number 82", ex.Message, StringComparison.Ordinal);
    }

    // ---- in-memory evaluation ---------------------------------------------------------------

    [Theory]
    [InlineData("KR", 5, true)]
    [InlineData("US", 5, false)]
    [InlineData("JP", 3, false)]
    public void Matches_ScoreAndCountry_AsExpected(string country, int r, bool expected)
    {
        // Given r >= 4 and country in ('KR', 'JP')
        var condition = Parse("r >= 4 and country in ('KR', 'JP')");

        // When evaluated
        var matches = condition.Matches(Values(("r", r), ("country", country)));

        // Then only KR/JP with r >= 4 match
        Assert.Equal(expected, matches);
    }

    [Fact]
    public void Evaluate_MissingValue_ThreeValuedLogic()
    {
        // Given country is missing
        var values = Values(("r", 5));

        // When conditions involving country are evaluated
        // Then unknown or true = true; unknown and true = unknown; not unknown = unknown; is null = true
        Assert.True(Parse("country = 'KR' or r >= 4").Evaluate(values));
        Assert.Null(Parse("country = 'KR' and r >= 4").Evaluate(values));
        Assert.Null(Parse("not (country = 'KR')").Evaluate(values));
        Assert.False(Parse("not (country = 'KR')").Matches(values));
        Assert.True(Parse("country is null").Evaluate(values));
        Assert.False(Parse("country = 'KR' and r < 4").Evaluate(values));
    }

    [Fact]
    public void Evaluate_DivisionByZero_IsUnknown()
    {
        // Given average order value with zero orders
        var condition = Parse("monetary / frequency > 10");

        // When evaluated with frequency 0, then with 4 orders of 100 in total
        // Then 0 orders gives unknown (as NULLIF in SQL), 100 / 4 = 25 > 10 gives true
        Assert.Null(condition.Evaluate(Values(("monetary", 100), ("frequency", 0))));
        Assert.True(condition.Evaluate(Values(("monetary", 100), ("frequency", 4))));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Matches_Between_IncludesBothEnds(int r, bool expected)
    {
        // Given r between 2 and 3
        // When evaluated
        // Then 2 and 3 match, 1 and 4 do not
        Assert.Equal(expected, Parse("r between 2 and 3").Matches(Values(("r", r))));
    }

    [Fact]
    public void Matches_NumericClrTypes_AllAccepted()
    {
        // Given clv given as long, double and decimal
        var condition = Parse("clv >= 1000.5 and purchase_probability > 0.25");

        // When evaluated
        // Then all compare numerically
        Assert.True(condition.Matches(Values(("clv", 2000L), ("purchase_probability", 0.3d))));
        Assert.False(condition.Matches(Values(("clv", 1000.4m), ("purchase_probability", 0.3f))));
    }

    [Fact]
    public void Matches_TextForNumberField_ThrowsNamingField()
    {
        // Given r given as a string
        // When evaluated
        var ex = Assert.Throws<SegmentaInputException>(() => Parse("r >= 4").Matches(Values(("r", "5"))));

        // Then the field and value are named
        Assert.Equal("field 'r' holds number values, but the value given is String '5'", ex.Message);
    }

    [Fact]
    public void Matches_NotIn_ExcludesListed()
    {
        // Given segment not in ('vip', 'lapsing_vip')
        var condition = Parse("segment not in ('vip', 'lapsing_vip')");

        // When evaluated
        // Then 'vip' is excluded and 'new' kept
        Assert.False(condition.Matches(Values(("segment", "vip"))));
        Assert.True(condition.Matches(Values(("segment", "new"))));
    }

    // ---- SQL compilation --------------------------------------------------------------------

    [Fact]
    public void ToSql_VipRule_ColumnsFromCatalogValuesAsParameters()
    {
        // Given the VIP rule
        // When compiled
        var sql = Parse("r >= 4 and f >= 4 and m >= 4").ToSql();

        // Then columns come from the catalog and numbers are $1..$3
        Assert.Equal("r_score >= $1 AND f_score >= $2 AND m_score >= $3", sql.Sql);
        Assert.Equal([4m, 4m, 4m], sql.Parameters);
    }

    [Fact]
    public void ToSql_InOrNot_ListPlaceholdersAndWrappedNot()
    {
        // Given an in-list or a negated flag
        // When compiled
        var sql = Parse("country in ('KR', 'JP') or not is_new").ToSql();

        // Then
        Assert.Equal("country IN ($1, $2) OR NOT (is_new)", sql.Sql);
        Assert.Equal(["KR", "JP"], sql.Parameters);
    }

    [Fact]
    public void ToSql_ParenthesesAndDivision_PrecedenceKeptAndNullIf()
    {
        // Given an or inside parentheses and an average order value
        // When compiled
        var sql = Parse("(r between 2 and 3 or f > 3) and monetary / frequency >= 50000").ToSql();

        // Then the or stays parenthesised and division guards zero
        Assert.Equal("(r_score BETWEEN $1 AND $2 OR f_score > $3) AND monetary / NULLIF(frequency, 0) >= $4", sql.Sql);
        Assert.Equal([2m, 3m, 3m, 50000m], sql.Parameters);
    }

    [Fact]
    public void ToSql_NestedSubtraction_RightOperandParenthesised()
    {
        // Given frequency - (m - f) and a negative literal
        // When compiled
        var sql = Parse("frequency - (m - f) > -1.5").ToSql();

        // Then grouping is kept and -1.5 is a single parameter
        Assert.Equal("frequency - (m_score - f_score) > $1", sql.Sql);
        Assert.Equal([-1.5m], sql.Parameters);
    }

    [Fact]
    public void ToSql_IsNotNullAndNotEqual_SqlSpelling()
    {
        // Given is not null and !=
        // When compiled
        var sql = Parse("recency is not null and segment != 'vip'").ToSql();

        // Then <> is used and the id is a parameter
        Assert.Equal("recency_days IS NOT NULL AND segment_id <> $1", sql.Sql);
        Assert.Equal(["vip"], sql.Parameters);
    }

    [Fact]
    public void ToSql_FirstParameterIndex_NumbersContinue()
    {
        // Given a condition embedded after three existing parameters
        // When compiled from index 4
        var sql = Parse("r = 5 and country = 'KR'").ToSql(firstParameterIndex: 4);

        // Then placeholders are $4 and $5
        Assert.Equal("r_score = $4 AND country = $5", sql.Sql);
    }

    [Theory]
    [InlineData("country = 'x'' or 1=1 --'", "x' or 1=1 --")]
    [InlineData("country = 'KR''; DROP TABLE customers; --'", "KR'; DROP TABLE customers; --")]
    [InlineData("country = '$1'", "$1")]
    public void ToSql_InjectionAttempt_EndsUpAsParameterValue(string condition, string parameter)
    {
        // Given a quoted value crafted to break out of a SQL string
        // When compiled
        var sql = Parse(condition).ToSql();

        // Then the SQL text is fixed and the whole crafted text is one parameter
        Assert.Equal("country = $1", sql.Sql);
        Assert.Equal([parameter], sql.Parameters);
    }

    [Fact]
    public void ToSql_CaseInsensitiveFieldName_UsesCatalogColumn()
    {
        // Given upper-case field names and keywords
        // When compiled
        var sql = Parse("R >= 4 AND Is_New = TRUE").ToSql();

        // Then catalog columns are used and true is a parameter
        Assert.Equal("r_score >= $1 AND is_new = $2", sql.Sql);
        Assert.Equal([4m, true], sql.Parameters);
    }
}
