namespace Segmenta.Storage.Features;

/// <summary>
/// Per-customer features for behavioural clustering at an as-of day, from data strictly before it
/// (definitions in docs/models.md#features-for-clustering). Session features come from the derived
/// <c>sessions</c> (identified customers only); purchase features from the purchases-basis RFM
/// snapshot of the same day, which must have been scored first. A feature a customer has no data
/// for is NULL (a buyer who never visited has no session features; a visitor who never bought has
/// no purchase features), so the caller can say how many customers it leaves out and why.
/// </summary>
public static class ClusterFeatures
{
    /// <summary>Session (event) features, in column order.</summary>
    public static readonly IReadOnlyList<string> SessionFeatures =
    [
        "sessions", "views_per_session", "cart_adds_per_session", "session_conversion", "price_index",
        "hour_sin", "hour_cos", "weekend_share", "mobile_share",
    ];

    /// <summary>Purchase features, in column order.</summary>
    public static readonly IReadOnlyList<string> PurchaseFeatures =
    [
        "recency_days", "frequency", "monetary", "average_order_value", "coupon_order_share",
    ];

    /// <summary>Every feature: session ones, then purchase ones.</summary>
    public static IReadOnlyList<string> All { get; } = [.. SessionFeatures, .. PurchaseFeatures];

    /// <summary>
    /// One row per customer with a session or a purchase before <paramref name="asOf"/>: column 0 the
    /// customer id, then <see cref="All"/> (NULL where undefined), then the RFM segment id (or NULL),
    /// ordered by customer id.
    /// </summary>
    public static Task<ResultTable> BuildAsync(IAnalyticsEngine engine, string timeZone, DateOnly asOf, CancellationToken cancellationToken = default) =>
        engine.QueryAsync(Sql, [timeZone, asOf.ToDateTime(TimeOnly.MinValue), ShopTime.LocalMidnightToUtc(asOf, timeZone)], cancellationToken);

    /// <summary>
    /// Per customer with a sale before <paramref name="asOf"/>: revenue (Σ sale line amounts before the
    /// day), orders, whether they bought before the 90 days ending the day before, and whether they
    /// bought in those 90 days — for revenue and retention per cluster (docs/models.md#cluster-profiles).
    /// </summary>
    public static Task<ResultTable> OutcomesAsync(IAnalyticsEngine engine, string timeZone, DateOnly asOf, CancellationToken cancellationToken = default) =>
        engine.QueryAsync("""
            SELECT customer_id, sum(amount) AS revenue, count(DISTINCT order_id) AS orders,
                   bool_or(ordered_at < $2) AS bought_before, bool_or(ordered_at >= $2) AS bought_last_90d
            FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at < $1
            GROUP BY customer_id ORDER BY customer_id
            """, [ShopTime.LocalMidnightToUtc(asOf, timeZone), ShopTime.LocalMidnightToUtc(asOf.AddDays(-90), timeZone)], cancellationToken);

    /// <summary>
    /// Spend per (customer, category) before <paramref name="asOf"/>: Σ amount of sale lines with a
    /// positive amount; the line's category, else the product's, else "(no category)".
    /// </summary>
    public static Task<ResultTable> CategorySpendAsync(IAnalyticsEngine engine, string timeZone, DateOnly asOf, CancellationToken cancellationToken = default) =>
        engine.QueryAsync("""
            SELECT l.customer_id, coalesce(nullif(l.category, ''), nullif(p.category, ''), '(no category)') AS category, sum(l.amount) AS spend
            FROM order_lines l LEFT JOIN (SELECT product_id, any_value(category) AS category FROM products GROUP BY product_id) p USING (product_id)
            WHERE l.kind = 'sale' AND l.customer_id IS NOT NULL AND l.amount > 0 AND l.ordered_at < $1
            GROUP BY 1, 2 ORDER BY 1, 2
            """, [ShopTime.LocalMidnightToUtc(asOf, timeZone)], cancellationToken);

    // Hours are the shop's local clock; a time of day is a point on a circle, so it enters as the
    // mean of sin and cos (23:00 and 01:00 are two hours apart, not 22).
    private const string Sql = """
        WITH s AS (
          SELECT customer_id, product_views, cart_adds, purchases, device,
                 timezone($1, started_at::TIMESTAMPTZ) AS local_start
          FROM sessions WHERE customer_id IS NOT NULL AND started_at < $3),
        sf AS (
          SELECT customer_id, count(*)::DOUBLE AS sessions,
                 sum(product_views) / count(*) AS views_per_session,
                 sum(cart_adds) / count(*) AS cart_adds_per_session,
                 avg(CASE WHEN purchases > 0 THEN 1.0 ELSE 0.0 END) AS session_conversion,
                 avg(sin(2 * pi() * (hour(local_start) + minute(local_start) / 60.0) / 24)) AS hour_sin,
                 avg(cos(2 * pi() * (hour(local_start) + minute(local_start) / 60.0) / 24)) AS hour_cos,
                 avg(CASE WHEN isodow(local_start) >= 6 THEN 1.0 ELSE 0.0 END) AS weekend_share,
                 avg(CASE WHEN device = 'mobile' THEN 1.0 ELSE 0.0 END) AS mobile_share
          FROM s GROUP BY customer_id),
        p AS (SELECT product_id, any_value(category) AS category, any_value(price) AS price FROM products WHERE price > 0 GROUP BY product_id),
        typical AS (SELECT category, median(price) AS price FROM p GROUP BY category),
        pv AS (
          SELECT se.customer_id, avg(ln(p.price / typical.price)) AS price_index
          FROM events e JOIN sessions se ON se.session_id = e.session_id JOIN p ON p.product_id = e.product_id JOIN typical ON typical.category = p.category
          WHERE e.event_type = 'product_view' AND se.customer_id IS NOT NULL AND e.occurred_at < $3
          GROUP BY se.customer_id),
        r AS (
          SELECT customer_id, recency_days::DOUBLE AS recency_days, frequency::DOUBLE AS frequency, monetary,
                 monetary / orders AS average_order_value
          FROM rfm_scores WHERE as_of = $2 AND basis = 'purchases' AND orders > 0 AND monetary > 0),
        c AS (
          SELECT customer_id, avg(CASE WHEN coupon_code IS NOT NULL AND coupon_code <> '' THEN 1.0 ELSE 0.0 END) AS coupon_order_share
          FROM orders WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at < $3 GROUP BY customer_id),
        seg AS (SELECT customer_id, segment_id FROM segment_members WHERE as_of = $2 AND basis = 'purchases'),
        ids AS (SELECT customer_id FROM sf UNION SELECT customer_id FROM r)
        SELECT ids.customer_id, sf.sessions, sf.views_per_session, sf.cart_adds_per_session, sf.session_conversion,
               CASE WHEN sf.customer_id IS NULL THEN NULL ELSE coalesce(pv.price_index, 0.0) END AS price_index,
               sf.hour_sin, sf.hour_cos, sf.weekend_share, sf.mobile_share,
               r.recency_days, r.frequency, r.monetary, r.average_order_value,
               CASE WHEN r.customer_id IS NULL THEN NULL ELSE coalesce(c.coupon_order_share, 0.0) END AS coupon_order_share,
               seg.segment_id
        FROM ids LEFT JOIN sf USING (customer_id) LEFT JOIN pv USING (customer_id) LEFT JOIN r USING (customer_id)
             LEFT JOIN c USING (customer_id) LEFT JOIN seg USING (customer_id)
        ORDER BY ids.customer_id
        """;
}
