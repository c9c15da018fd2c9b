using System.Globalization;

namespace Segmenta.Core.Rfm;

/// <summary>
/// Decides the <c>is_new</c> flag: a customer is new when their first activity (first visit or
/// first purchase, whichever the basis uses) falls within the <c>WindowDays</c> days that end on
/// the as-of date, i.e. <c>0 ≤ asOf − firstActivity &lt; WindowDays</c> (with 30, the as-of day and
/// the 29 days before it).
/// </summary>
/// <param name="WindowDays">Length of the window in days, at least 1; the product default is 30.</param>
public readonly record struct NewCustomerRule(int WindowDays)
{
    /// <summary>The product default window length.</summary>
    public const int DefaultWindowDays = 30;

    /// <summary>The rule with the default 30-day window.</summary>
    public static NewCustomerRule Default { get; } = new(DefaultWindowDays);

    /// <summary>Length of the window in days, at least 1.</summary>
    public int WindowDays { get; init; } = WindowDays >= 1
        ? WindowDays
        : throw new SegmentaInputException(string.Create(
            CultureInfo.InvariantCulture, $"the new-customer window must be at least 1 day, got {WindowDays}"));

    /// <summary>Whether a customer whose first activity was on <paramref name="firstActivity"/> is new on <paramref name="asOf"/>.</summary>
    /// <param name="firstActivity">Date of the first visit or purchase.</param>
    /// <param name="asOf">The as-of date of the analysis.</param>
    /// <returns><see langword="true"/> when <c>0 ≤ asOf − firstActivity &lt; WindowDays</c>.</returns>
    /// <exception cref="SegmentaInputException">The first activity is after the as-of date.</exception>
    public bool IsNew(DateOnly firstActivity, DateOnly asOf)
    {
        var days = asOf.DayNumber - firstActivity.DayNumber;
        if (days < 0)
        {
            throw new SegmentaInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"first activity {firstActivity:yyyy-MM-dd} is after the as-of date {asOf:yyyy-MM-dd}; filter activity to the as-of date first"));
        }
        return days < WindowDays;
    }

    /// <summary>
    /// The same test as DuckDB SQL over a DATE column and a DATE parameter placeholder, e.g.
    /// <c>ToSql("first_activity_date", "$1")</c> → <c>(date_diff('day', first_activity_date, $1) &lt; 30)</c>.
    /// </summary>
    /// <param name="firstActivityColumn">The SQL column holding the first activity date (trusted, from code).</param>
    /// <param name="asOfPlaceholder">The parameter placeholder bound to the as-of date, e.g. <c>$1</c>.</param>
    /// <returns>A boolean SQL expression.</returns>
    public string ToSql(string firstActivityColumn, string asOfPlaceholder) => string.Create(
        CultureInfo.InvariantCulture,
        $"(date_diff('day', {firstActivityColumn}, {asOfPlaceholder}) < {WindowDays})");
}
