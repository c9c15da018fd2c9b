using Segmenta.Core.Rfm;

namespace Segmenta.Core.Tests.Rfm;

public class NewCustomerRuleTests
{
    [Theory]
    [InlineData("2024-06-30", true)]  // same day: 0 days
    [InlineData("2024-06-01", true)]  // 29 days
    [InlineData("2024-05-31", false)] // 30 days
    public void IsNew_DefaultWindow_LastThirtyDaysIncludingAsOf(string first, bool expected)
    {
        // Given as-of 2024-06-30 and the 30-day default
        var asOf = new DateOnly(2024, 6, 30);

        // When the first activity is checked
        var isNew = NewCustomerRule.Default.IsNew(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), asOf);

        // Then 0..29 days back is new, 30 is not
        Assert.Equal(expected, isNew);
    }

    [Fact]
    public void IsNew_FirstActivityAfterAsOf_Throws()
    {
        // Given a first activity one day after the as-of date
        // When checked
        var ex = Assert.Throws<SegmentaInputException>(() =>
            NewCustomerRule.Default.IsNew(new DateOnly(2024, 7, 1), new DateOnly(2024, 6, 30)));

        // Then both dates are named
        Assert.StartsWith("first activity 2024-07-01 is after the as-of date 2024-06-30", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSql_SevenDayWindow_DateDiffBelowSeven()
    {
        // Given a 7-day window
        // When rendered as SQL
        var sql = new NewCustomerRule(7).ToSql("first_activity_date", "$1");

        // Then the as-of date is a placeholder and the window is 7
        Assert.Equal("(date_diff('day', first_activity_date, $1) < 7)", sql);
    }
}
