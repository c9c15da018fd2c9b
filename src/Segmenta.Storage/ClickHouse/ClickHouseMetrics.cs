using Segmenta.Storage.Metrics;

namespace Segmenta.Storage.ClickHouse;

/// <summary>
/// Headline metrics computed inside ClickHouse with the definitions of docs/metrics.md (the same
/// figures as <see cref="MetricsQueries.HeadlineAsync"/>, then the same <see cref="MetricsQueries.FromFigures"/>).
/// Period bounds are the shop's local midnights as UTC instants; buyers, churn and lifespan come from
/// one per-customer aggregate over the Distributed <c>orders</c> table, so no subquery has to cross shards.
/// </summary>
public static class ClickHouseMetrics
{
    /// <summary>The data's first and last day in the shop's zone (orders and events), or null when empty.</summary>
    public static async Task<(DateOnly From, DateOnly To)?> DataRangeAsync(ClickHouseEngine engine, string timeZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var t = await engine.QueryAsync("""
            SELECT count() AS n, min(d) AS first_day, max(d) AS last_day FROM (
              SELECT toDate(toTimeZone(assumeNotNull(ordered_at), $1)) AS d FROM orders WHERE ordered_at IS NOT NULL
              UNION ALL SELECT toDate(toTimeZone(assumeNotNull(occurred_at), $1)) FROM events WHERE occurred_at IS NOT NULL)
            """, [timeZone], cancellationToken).ConfigureAwait(false);
        return t.Get<long>(0, "n") == 0 ? null : (t.Get<DateOnly>(0, "first_day"), t.Get<DateOnly>(0, "last_day"));
    }

    /// <summary>Computes <see cref="HeadlineMetrics"/> for the days <paramref name="from"/>..<paramref name="to"/>.</summary>
    public static async Task<HeadlineMetrics> HeadlineAsync(ClickHouseEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var start = ShopTime.LocalMidnightToUtc(from, timeZone);
        var end = ShopTime.LocalMidnightToUtc(to.AddDays(1), timeZone);
        var before = ShopTime.LocalMidnightToUtc(from.AddDays(-90), timeZone);
        // $1 zone, $2 period start, $3 period end, $4 start of the 90 days before the period
        var t = await engine.QueryAsync("""
            SELECT * FROM (SELECT * FROM (
              SELECT
                sumIf(amount, kind = 'sale' AND in_period) AS gross,
                sumIf(amount, ((kind = 'sale' AND status = 'placed') OR kind = 'cancellation') AND in_period) AS net,
                countIf(kind = 'sale' AND in_period) AS orders
              FROM (SELECT amount, kind, status, ordered_at >= $2 AND ordered_at < $3 AS in_period FROM orders WHERE ordered_at IS NOT NULL))
            CROSS JOIN (
              SELECT
                countIf(period_orders > 0) AS customers,
                countIf(period_orders > 0 AND first_at >= $2) AS new_customers,
                countIf(period_orders > 0 AND first_at < $2) AS returning_customers,
                countIf(period_orders >= 2) AS repeaters,
                countIf(before_orders > 0) AS active_before,
                countIf(before_orders > 0 AND period_orders = 0) AS churned,
                avgIf(toDate(toTimeZone(last_at, $1)) - toDate(toTimeZone(first_at, $1)), period_orders > 0) AS lifespan_days
              FROM (
                SELECT assumeNotNull(customer_id) AS person,
                       countIf(ordered_at >= $2 AND ordered_at < $3) AS period_orders,
                       countIf(ordered_at >= $4 AND ordered_at < $2) AS before_orders,
                       assumeNotNull(min(ordered_at)) AS first_at,
                       assumeNotNull(maxIf(ordered_at, ordered_at < $3)) AS last_at
                FROM orders WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at IS NOT NULL
                GROUP BY person)))
            CROSS JOIN (
              SELECT count() AS sessions, uniqExact(actor_id) AS visitors, countIf(purchases > 0) AS converted_sessions,
                     (SELECT countIf(bought = 0) FROM (
                        SELECT actor_id, max(purchases > 0) AS bought FROM sessions
                        WHERE started_at >= $2 AND started_at < $3 AND actor_id IS NOT NULL GROUP BY actor_id)) AS visitors_without_purchase
              FROM sessions WHERE started_at >= $2 AND started_at < $3)
            """, [timeZone, start, end, before], cancellationToken).ConfigureAwait(false);
        return MetricsQueries.FromFigures(from, to, t);
    }

    /// <summary>Sessions, converting sessions and conversion per session channel (as <see cref="MetricsQueries.ChannelConversionAsync"/>).</summary>
    public static Task<ResultTable> ChannelConversionAsync(ClickHouseEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.QueryAsync("""
            SELECT ifNull(channel, '(none)') AS channel, count() AS sessions, countIf(purchases > 0) AS converted, countIf(purchases > 0) / count() AS conversion_rate
            FROM sessions WHERE started_at >= $1 AND started_at < $2
            GROUP BY channel ORDER BY sessions DESC, channel
            """, Bounds(timeZone, from, to), cancellationToken);
    }

    /// <summary>Sale orders, buyers and gross revenue per campaign (as <see cref="MetricsQueries.CampaignRevenueAsync"/>).</summary>
    public static Task<ResultTable> CampaignRevenueAsync(ClickHouseEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.QueryAsync("""
            SELECT ifNull(campaign_id, '(none)') AS campaign, count() AS orders, uniqExact(customer_id) AS customers, round(sum(amount), 2) AS revenue
            FROM orders WHERE kind = 'sale' AND ordered_at >= $1 AND ordered_at < $2
            GROUP BY campaign ORDER BY orders DESC, campaign
            """, Bounds(timeZone, from, to), cancellationToken);
    }

    /// <summary>Sessions (or, without events, sale orders) per ISO weekday and hour in the shop's zone (as <see cref="MetricsQueries.HourByWeekdayAsync"/>).</summary>
    public static async Task<ResultTable> HourByWeekdayAsync(ClickHouseEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var source = await engine.ScalarAsync<long>("SELECT count() FROM (SELECT 1 FROM sessions LIMIT 1)", null, cancellationToken).ConfigureAwait(false) > 0
            ? "SELECT started_at AS act_at FROM sessions"
            : "SELECT ordered_at AS act_at FROM orders WHERE kind = 'sale'";
        return await engine.QueryAsync($"""
            SELECT toDayOfWeek(local) AS weekday, toHour(local) AS hour, count() AS activity
            FROM (SELECT toTimeZone(assumeNotNull(act_at), $3) AS local FROM ({source}) WHERE act_at >= $1 AND act_at < $2)
            GROUP BY weekday, hour ORDER BY weekday, hour
            """, [.. Bounds(timeZone, from, to), timeZone], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gross and net revenue and sale orders per month in the shop's zone (as <see cref="MetricsQueries.MonthlyRevenueAsync"/>).</summary>
    public static Task<ResultTable> MonthlyRevenueAsync(ClickHouseEngine engine, string timeZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.QueryAsync("""
            SELECT substring(toString(toStartOfMonth(toTimeZone(assumeNotNull(ordered_at), $1))), 1, 7) AS month,
                   round(sumIf(amount, kind = 'sale'), 2) AS gross_revenue,
                   round(sumIf(amount, (kind = 'sale' AND status = 'placed') OR kind = 'cancellation'), 2) AS net_revenue,
                   countIf(kind = 'sale') AS orders
            FROM orders WHERE ordered_at IS NOT NULL GROUP BY month ORDER BY month
            """, [timeZone], cancellationToken);
    }

    private static object?[] Bounds(string timeZone, DateOnly from, DateOnly to) =>
        [ShopTime.LocalMidnightToUtc(from, timeZone), ShopTime.LocalMidnightToUtc(to.AddDays(1), timeZone)];
}
