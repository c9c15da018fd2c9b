namespace Segmenta.Storage.Metrics;

/// <summary>
/// Daily KPI series and per-customer purchase rhythm, for the alert rules (docs/dashboard.md#alerts).
/// Days are calendar days in the shop's zone; figures follow docs/metrics.md.
/// </summary>
public static class DailyMetricsQueries
{
    /// <summary>
    /// One row per day <paramref name="from"/>..<paramref name="to"/> (days without activity give 0):
    /// day, net_revenue, orders (sale orders), customers (distinct buying customers), sessions.
    /// </summary>
    public static Task<ResultTable> DailyAsync(IAnalyticsEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        engine.QueryAsync("""
            WITH days AS (SELECT unnest(generate_series($2::DATE, $3::DATE, INTERVAL 1 DAY))::DATE AS day),
            o AS (SELECT timezone($1, ordered_at::TIMESTAMPTZ)::DATE AS day, * FROM orders
                  WHERE ordered_at >= timezone('UTC', timezone($1, $2::TIMESTAMP)) AND ordered_at < timezone('UTC', timezone($1, $3::TIMESTAMP + INTERVAL 1 DAY))),
            od AS (SELECT day,
                          sum(amount) FILTER (WHERE (kind = 'sale' AND status = 'placed') OR kind = 'cancellation') AS net_revenue,
                          count(*) FILTER (WHERE kind = 'sale') AS orders,
                          count(DISTINCT customer_id) FILTER (WHERE kind = 'sale') AS customers
                   FROM o GROUP BY 1),
            sd AS (SELECT timezone($1, started_at::TIMESTAMPTZ)::DATE AS day, count(*) AS sessions FROM sessions
                   WHERE started_at >= timezone('UTC', timezone($1, $2::TIMESTAMP)) AND started_at < timezone('UTC', timezone($1, $3::TIMESTAMP + INTERVAL 1 DAY))
                   GROUP BY 1)
            SELECT d.day, round(coalesce(od.net_revenue, 0), 2) AS net_revenue, coalesce(od.orders, 0) AS orders,
                   coalesce(od.customers, 0) AS customers, coalesce(sd.sessions, 0) AS sessions
            FROM days d LEFT JOIN od USING (day) LEFT JOIN sd USING (day) ORDER BY d.day
            """, [timeZone, from.ToDateTime(TimeOnly.MinValue), to.ToDateTime(TimeOnly.MinValue)], cancellationToken);

    /// <summary>
    /// For the members of <paramref name="segments"/> in the snapshot (<paramref name="asOf"/>, <paramref name="basis"/>) with
    /// sale orders on at least two distinct days before <paramref name="asOf"/>: customer_id, segment_id, order_days,
    /// monetary (gross), last_day, days_since_last_order (as-of − last day) and median_cycle_days (median gap between
    /// consecutive order days).
    /// </summary>
    public static Task<ResultTable> PurchaseRhythmAsync(
        IAnalyticsEngine engine, string timeZone, DateOnly asOf, string basis, IReadOnlyList<string> segments, CancellationToken cancellationToken = default) =>
        engine.QueryAsync($"""
            WITH m AS (SELECT customer_id, segment_id FROM segment_members
                       WHERE as_of = $2::DATE AND basis = $3 AND segment_id IN ({string.Join(", ", segments.Select((_, i) => "$" + (i + 4).ToString(System.Globalization.CultureInfo.InvariantCulture)))})),
            days AS (SELECT l.customer_id, timezone($1, l.ordered_at::TIMESTAMPTZ)::DATE AS day, sum(l.amount) AS amount
                     FROM order_lines l JOIN m USING (customer_id)
                     WHERE l.kind = 'sale' AND l.amount > 0 AND l.ordered_at < timezone('UTC', timezone($1, $2::TIMESTAMP))
                     GROUP BY 1, 2),
            gaps AS (SELECT *, date_diff('day', lag(day) OVER (PARTITION BY customer_id ORDER BY day), day) AS gap FROM days),
            per AS (SELECT customer_id, count(*) AS order_days, sum(amount) AS monetary, max(day) AS last_day, median(gap) AS median_cycle_days
                    FROM gaps GROUP BY 1)
            SELECT m.customer_id, m.segment_id, per.order_days, round(per.monetary, 2) AS monetary, per.last_day,
                   date_diff('day', per.last_day, $2::DATE) AS days_since_last_order, per.median_cycle_days
            FROM m JOIN per USING (customer_id) WHERE per.order_days >= 2
            ORDER BY monetary DESC, m.customer_id
            """, [timeZone, asOf.ToDateTime(TimeOnly.MinValue), basis, .. segments], cancellationToken);
}
