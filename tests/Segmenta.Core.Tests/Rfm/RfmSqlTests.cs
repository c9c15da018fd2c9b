using Segmenta.Core.Rfm;

namespace Segmenta.Core.Tests.Rfm;

public class RfmSqlTests
{
    [Fact]
    public void QuintileScore_Frequency_IsTheDocumentedRankFormula()
    {
        // Given the frequency column, more is better
        // When the SQL is built
        var sql = RfmSql.QuintileScore("frequency", lowerIsBetter: false);

        // Then it is 1 + floor(5 * (rank() - 1) / n) ascending, and equals the constant
        Assert.Equal("CAST(1 + floor(5 * (rank() OVER (ORDER BY frequency ASC) - 1) / count(*) OVER ()) AS INTEGER)", sql);
        Assert.Equal(RfmSql.FrequencyScore, sql);
    }

    [Fact]
    public void QuintileScore_RecencyDays_SortsDescending()
    {
        // Given recency days, fewer is better
        // When the SQL is built
        var sql = RfmSql.QuintileScore("p.recency_days", lowerIsBetter: true);

        // Then the window orders descending
        Assert.Equal("CAST(1 + floor(5 * (rank() OVER (ORDER BY p.recency_days DESC) - 1) / count(*) OVER ()) AS INTEGER)", sql);
    }

    [Fact]
    public void QuintileScore_ColumnWithSqlText_Rejected()
    {
        // Given a column name carrying SQL
        // When the SQL is built
        var ex = Assert.Throws<SegmentaInputException>(() => RfmSql.QuintileScore("x); drop table t; --", false));

        // Then it is refused by name
        Assert.StartsWith("'x); drop table t; --' is not a plain SQL column name", ex.Message, StringComparison.Ordinal);
    }
}
