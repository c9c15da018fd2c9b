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
}
