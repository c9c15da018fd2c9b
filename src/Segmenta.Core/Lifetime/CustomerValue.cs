using System.Globalization;

namespace Segmenta.Core.Lifetime;

/// <summary>Customer-level forecasts built on a fitted purchase model: next-order time and discounted CLV.</summary>
public static class CustomerValue
{
    /// <summary>
    /// Expected time to the next order, defined as the smallest t after the end of calibration at
    /// which the conditional expected number of purchases E[Y(t) | x, t_x, T] reaches
    /// <see cref="NextPurchaseOptions.Purchases"/> (default 1). Because E[Y(t)] is increasing and
    /// continuous in t the answer is unique; it is found by bisection to a relative 1e-10.
    /// Customers who have probably dropped out never reach one expected purchase (E[Y(t)] stays
    /// bounded as t grows), and get null.
    /// </summary>
    /// <param name="model">A fitted purchase model.</param>
    /// <param name="customer">The customer's calibration summary.</param>
    /// <param name="options">Threshold and search horizon; defaults when null.</param>
    /// <returns>The time from the calibration end, in the model's unit, or null when not reached within the horizon.</returns>
    public static double? ExpectedTimeToNextPurchase(
        ITransactionModel model, CustomerHistory customer, NextPurchaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= NextPurchaseOptions.Default;
        if (!(options.Purchases > 0) || !(options.MaximumHorizon > 0) || !double.IsFinite(options.MaximumHorizon))
        {
            throw new SegmentaInputException("next-purchase options: purchases and maximum horizon must be positive");
        }
        var target = options.Purchases;
        double hi = options.MaximumHorizon, lo = 0;
        if (model.ConditionalExpectedPurchases(hi, customer) < target)
        {
            return null;
        }
        while (hi - lo > 1e-10 * hi)
        {
            var mid = 0.5 * (lo + hi);
            if (model.ConditionalExpectedPurchases(mid, customer) >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
        return hi;
    }

    /// <summary>
    /// Discounted customer lifetime value as lifetimes' <c>customer_lifetime_value</c>:
    /// sum over months i = 1..M of (E[Y(i f)] - E[Y((i-1) f)]) * spend / (1 + d)^i, where E[Y] is the
    /// conditional expected purchases, f the time units per month and d the monthly discount rate.
    /// </summary>
    /// <param name="model">A fitted purchase model.</param>
    /// <param name="customer">The customer's calibration summary.</param>
    /// <param name="expectedSpend">Expected value per future purchase, e.g. the Gamma-Gamma conditional expectation.</param>
    /// <param name="options">Horizon, discount rate and month length; defaults when null.</param>
    public static double LifetimeValue(
        ITransactionModel model, CustomerHistory customer, double expectedSpend, ClvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= ClvOptions.Default;
        if (options.Months < 0 || !(options.MonthlyDiscountRate > -1) || !(options.TimeUnitsPerMonth > 0))
        {
            throw new SegmentaInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"CLV options: months ({options.Months}) must be 0 or more, discount rate ({options.MonthlyDiscountRate}) above -1 and time units per month ({options.TimeUnitsPerMonth}) positive"));
        }
        if (!double.IsFinite(expectedSpend))
        {
            throw new SegmentaInputException("expected spend per purchase must be a finite number");
        }
        double value = 0, previous = 0;
        for (var i = 1; i <= options.Months; i++)
        {
            // The forecast is cumulative, so month i's purchases are the increase over month i-1.
            var cumulative = model.ConditionalExpectedPurchases(i * options.TimeUnitsPerMonth, customer);
            value += (cumulative - previous) * expectedSpend / Math.Pow(1 + options.MonthlyDiscountRate, i);
            previous = cumulative;
        }
        return value;
    }

    /// <summary>
    /// Discounted CLV with the spend per purchase taken from a Gamma-Gamma model's conditional
    /// expectation for the customer.
    /// </summary>
    /// <param name="model">A fitted purchase model.</param>
    /// <param name="spend">A fitted Gamma-Gamma model.</param>
    /// <param name="customer">The customer's calibration summary (with monetary value).</param>
    /// <param name="options">Horizon, discount rate and month length; defaults when null.</param>
    public static double LifetimeValue(
        ITransactionModel model, GammaGammaModel spend, CustomerHistory customer, ClvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spend);
        return LifetimeValue(model, customer, spend.ConditionalExpectedAverageSpend(customer), options);
    }
}
