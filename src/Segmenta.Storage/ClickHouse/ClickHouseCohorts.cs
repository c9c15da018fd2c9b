using Segmenta.Storage.Metrics;

namespace Segmenta.Storage.ClickHouse;

/// <summary>
/// Cohort retention and the purchase funnel inside ClickHouse, with the definitions of
/// docs/metrics.md#cohorts-and-funnel (the same rows as <see cref="CohortQueries"/>). 18.16 has no
/// window functions and one JOIN per SELECT, so the per-person steps run on the Distributed tables
/// (each shard groups its own people) and the cohort grid is assembled with arrays.
/// </summary>
public static class ClickHouseCohorts
{
    /// <summary>One row per (cohort, period offset): cohort, cohort_size, period, customers, retention, revenue (as <see cref="CohortQueries.RetentionAsync"/>).</summary>
    public static Task<ResultTable> RetentionAsync(ClickHouseEngine engine, string timeZone, bool weekly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        // Month (ISO week, starting Monday) of each sale line in the shop's zone, and the offset
        // between two such starts in whole months (weeks), as DuckDB's date_trunc/date_diff.
        var start = weekly ? "toMonday" : "toStartOfMonth";
        var offset = weekly ? "intDiv(p - cohort_start, 7)" : "toRelativeMonthNum(p) - toRelativeMonthNum(cohort_start)";
        // Period 0 always holds every cohort customer (the cohort is their first period), so the
        // cohort size is the customers at offset 0: no second pass over the lines and no join.
        return engine.QueryAsync($"""
            SELECT toString(cohort_start) AS cohort, cohort_size, period, customers, customers / cohort_size AS retention, round(cohort_revenue, 2) AS revenue
            FROM (
              SELECT cohort_start, groupArray(k) AS periods, groupArray(n) AS counts, groupArray(r) AS revenues, counts[indexOf(periods, 0)] AS cohort_size
              FROM (
                SELECT cohort_start, {offset} AS k, count() AS n, sum(rev) AS r
                FROM (
                  SELECT person, min(period_start) AS cohort_start, groupArray(period_start) AS starts, groupArray(period_revenue) AS amounts
                  FROM (
                    SELECT assumeNotNull(customer_id) AS person, {start}(toTimeZone(assumeNotNull(ordered_at), $1)) AS period_start, sum(amount) AS period_revenue
                    FROM order_lines
                    WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at IS NOT NULL AND amount > 0
                    GROUP BY person, period_start)
                  GROUP BY person)
                ARRAY JOIN starts AS p, amounts AS rev
                GROUP BY cohort_start, k)
              GROUP BY cohort_start)
            ARRAY JOIN periods AS period, counts AS customers, revenues AS cohort_revenue
            ORDER BY cohort, period
            """, [timeZone], cancellationToken);
    }

    /// <summary>
    /// Sessions in the period reaching each step of view → cart → checkout → purchase, each counted
    /// among sessions that reached the previous ones (as <see cref="CohortQueries.FunnelAsync"/>):
    /// step, name, sessions, share_of_sessions, drop_off (NULL for the first step or after an empty one).
    /// </summary>
    public static Task<ResultTable> FunnelAsync(ClickHouseEngine engine, string timeZone, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        // Counts over Nullable conditions come back NULL from an empty 18.16 table, and a NULL count
        // is 0 in SQL: the step columns are made non-nullable first.
        return engine.QueryAsync("""
            SELECT step, name, sessions,
                   if(first = 0, NULL, sessions / first) AS share_of_sessions,
                   if(step = 1 OR previous = 0, NULL, 1 - sessions / previous) AS drop_off
            FROM (
              SELECT [1, 2, 3, 4, 5] AS steps,
                     ['sessions', 'product view', 'add to cart', 'checkout', 'purchase'] AS names,
                     [all_sessions, viewed, carted, checked_out, purchased] AS reached,
                     arrayPushFront(arrayPopBack(reached), toUInt64(0)) AS before,
                     all_sessions AS first
              FROM (
                SELECT count() AS all_sessions,
                       countIf(v) AS viewed,
                       countIf(v AND c) AS carted,
                       countIf(v AND c AND o) AS checked_out,
                       countIf(v AND c AND o AND p) AS purchased
                FROM (
                  SELECT ifNull(product_views, 0) > 0 AS v, ifNull(cart_adds, 0) > 0 AS c,
                         ifNull(checkouts, 0) > 0 AS o, ifNull(purchases, 0) > 0 AS p
                  FROM sessions WHERE started_at >= $1 AND started_at < $2)))
            ARRAY JOIN steps AS step, names AS name, reached AS sessions, before AS previous
            ORDER BY step
            """, [ShopTime.LocalMidnightToUtc(from, timeZone), ShopTime.LocalMidnightToUtc(to.AddDays(1), timeZone)], cancellationToken);
    }
}
