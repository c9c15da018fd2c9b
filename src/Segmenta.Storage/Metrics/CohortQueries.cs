namespace Segmenta.Storage.Metrics;

/// <summary>
/// Cohort retention and the purchase funnel, set-based (docs/metrics.md#cohorts). A customer's
/// cohort is the month (or week) of their first sale in the shop's zone; period k counts the
/// cohort's customers with a sale k months (weeks) later, and their revenue.
/// </summary>
public static class CohortQueries
{
    /// <summary>One row per (cohort, period offset): cohort, cohort_size, period, customers, retention, revenue.</summary>
    public static Task<ResultTable> RetentionAsync(IAnalyticsEngine engine, string timeZone, bool weekly, CancellationToken cancellationToken = default)
    {
        var unit = weekly ? "week" : "month";
        return engine.QueryAsync($"""
            WITH s AS (
              SELECT customer_id, date_trunc('{unit}', timezone($1, ordered_at::TIMESTAMPTZ))::DATE AS period_start, amount
              FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL AND amount > 0),
            c AS (SELECT customer_id, min(period_start) AS cohort FROM s GROUP BY 1),
            sizes AS (SELECT cohort, count(*) AS cohort_size FROM c GROUP BY 1),
            active AS (
              SELECT c.cohort, date_diff('{unit}', c.cohort, s.period_start) AS period,
                     count(DISTINCT s.customer_id) AS customers, sum(s.amount) AS revenue
              FROM s JOIN c USING (customer_id) GROUP BY 1, 2)
            SELECT strftime(a.cohort, '%Y-%m-%d') AS cohort, z.cohort_size, a.period, a.customers,
                   a.customers / z.cohort_size AS retention, round(a.revenue, 2) AS revenue
            FROM active a JOIN sizes z USING (cohort)
            ORDER BY a.cohort, a.period
            """, [timeZone], cancellationToken);
    }

    /// <summary>
    /// Sessions in the period reaching each step of view → cart → checkout → purchase, each step
    /// counted among sessions that also reached the previous ones; drop-off = 1 − step / previous.
    /// </summary>
    public static Task<ResultTable> FunnelAsync(IAnalyticsEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        engine.QueryAsync("""
            WITH s AS (
              SELECT * FROM sessions
              WHERE timezone($1, started_at::TIMESTAMPTZ) >= $2 AND timezone($1, started_at::TIMESTAMPTZ) < $3),
            steps AS (
              SELECT 1 AS step, 'sessions' AS name, count(*) AS sessions FROM s
              UNION ALL SELECT 2, 'product view', count(*) FILTER (WHERE product_views > 0) FROM s
              UNION ALL SELECT 3, 'add to cart', count(*) FILTER (WHERE product_views > 0 AND cart_adds > 0) FROM s
              UNION ALL SELECT 4, 'checkout', count(*) FILTER (WHERE product_views > 0 AND cart_adds > 0 AND checkouts > 0) FROM s
              UNION ALL SELECT 5, 'purchase', count(*) FILTER (WHERE product_views > 0 AND cart_adds > 0 AND checkouts > 0 AND purchases > 0) FROM s)
            SELECT step, name, sessions,
                   sessions / nullif(first_value(sessions) OVER (ORDER BY step), 0) AS share_of_sessions,
                   1 - sessions / nullif(lag(sessions) OVER (ORDER BY step), 0) AS drop_off
            FROM steps ORDER BY step
            """, [timeZone, from.ToDateTime(TimeOnly.MinValue), to.AddDays(1).ToDateTime(TimeOnly.MinValue)], cancellationToken);
}
