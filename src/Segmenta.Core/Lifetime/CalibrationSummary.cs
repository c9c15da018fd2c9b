using System.Globalization;

namespace Segmenta.Core.Lifetime;

/// <summary>
/// Turns a purchase log into the (x, t_x, T, mean repeat spend) summary the lifetime models take,
/// following the conventions of lifetimes' <c>summary_data_from_transaction_data</c> and BTYD's
/// <c>dc.ElogToCbsCbt</c>: purchases on the same day are merged into one purchase whose amount is
/// their sum, the first purchase is not a repeat purchase, and the calibration end date is inclusive.
/// </summary>
public static class CalibrationSummary
{
    /// <summary>
    /// Builds the calibration summary and, when <paramref name="holdoutEnd"/> is given, the holdout counts.
    /// </summary>
    /// <param name="purchases">The purchase log, in any order.</param>
    /// <param name="calibrationEnd">Last day (inclusive) of the calibration period.</param>
    /// <param name="unit">Unit of recency and age: days, or weeks (day counts divided by 7).</param>
    /// <param name="holdoutEnd">Last day (inclusive) of the holdout period, or null for no holdout.</param>
    /// <returns>The per-customer summary ordered by customer id.</returns>
    /// <exception cref="SegmentaInputException">
    /// No purchases, no purchase on or before the calibration end, a negative or non-finite amount,
    /// an empty customer id, or a holdout end not after the calibration end.
    /// </exception>
    public static CalibrationSummaryResult Build(
        IEnumerable<Purchase> purchases,
        DateOnly calibrationEnd,
        LifetimeTimeUnit unit,
        DateOnly? holdoutEnd = null)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        if (holdoutEnd is { } h && h <= calibrationEnd)
        {
            throw new SegmentaInputException(string.Create(
                CultureInfo.InvariantCulture, $"holdout end {h:yyyy-MM-dd} must be after the calibration end {calibrationEnd:yyyy-MM-dd}"));
        }

        // customer -> (day -> summed amount); sorted days give first purchase and recency directly.
        var byCustomer = new Dictionary<string, SortedDictionary<DateOnly, double>>(StringComparer.Ordinal);
        var any = false;
        foreach (var p in purchases)
        {
            any = true;
            if (string.IsNullOrEmpty(p.CustomerId))
            {
                throw new SegmentaInputException(string.Create(
                    CultureInfo.InvariantCulture, $"a purchase on {p.Date:yyyy-MM-dd} has an empty customer id"));
            }
            if (!double.IsFinite(p.Amount) || p.Amount < 0)
            {
                throw new SegmentaInputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"purchase amount must be a finite non-negative number; customer '{p.CustomerId}' on {p.Date:yyyy-MM-dd} has {p.Amount}"));
            }
            if (holdoutEnd is { } end ? p.Date > end : p.Date > calibrationEnd)
            {
                continue;
            }
            if (!byCustomer.TryGetValue(p.CustomerId, out var days))
            {
                days = [];
                byCustomer[p.CustomerId] = days;
            }
            days[p.Date] = days.TryGetValue(p.Date, out var sum) ? sum + p.Amount : p.Amount;
        }
        if (!any)
        {
            throw new SegmentaInputException("the purchase log is empty");
        }

        var perUnit = unit == LifetimeTimeUnit.Weeks ? 7.0 : 1.0;
        var customers = new List<CustomerHistory>(byCustomer.Count);
        var holdout = new List<HoldoutCount>(holdoutEnd is null ? 0 : byCustomer.Count);
        foreach (var id in byCustomer.Keys.Order(StringComparer.Ordinal))
        {
            var days = byCustomer[id];
            var first = days.Keys.First();
            if (first > calibrationEnd)
            {
                continue; // first seen in the holdout: not part of the calibration cohort
            }
            var calibrationDays = 0;
            var last = first;
            double repeatSpend = 0, holdoutSpend = 0;
            var holdoutDays = 0;
            foreach (var (day, amount) in days)
            {
                if (day <= calibrationEnd)
                {
                    if (calibrationDays > 0)
                    {
                        repeatSpend += amount;
                    }
                    calibrationDays++;
                    last = day;
                }
                else
                {
                    holdoutDays++;
                    holdoutSpend += amount;
                }
            }
            var x = calibrationDays - 1;
            customers.Add(new CustomerHistory(
                id,
                x,
                (last.DayNumber - first.DayNumber) / perUnit,
                (calibrationEnd.DayNumber - first.DayNumber) / perUnit,
                x > 0 ? repeatSpend / x : 0));
            if (holdoutEnd is not null)
            {
                holdout.Add(new HoldoutCount(id, holdoutDays, holdoutDays > 0 ? holdoutSpend / holdoutDays : 0));
            }
        }
        if (customers.Count == 0)
        {
            throw new SegmentaInputException(string.Create(
                CultureInfo.InvariantCulture, $"no customer made a purchase on or before the calibration end {calibrationEnd:yyyy-MM-dd}"));
        }
        var duration = holdoutEnd is { } he ? (he.DayNumber - calibrationEnd.DayNumber) / perUnit : 0;
        return new CalibrationSummaryResult(customers, holdout, duration, unit);
    }
}
