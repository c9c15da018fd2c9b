namespace Segmenta.Storage.Features;

/// <summary>
/// Per-person behaviour features at a cutoff T, from data strictly before T only (no leakage), and
/// the label "bought in [T, T + horizon)". Built in one SQL query over <c>sessions</c> and sale
/// lines; each feature is defined in docs/models.md#features. People are customers and anonymous
/// visitors (<c>anon:…</c>) with any session or order before T; a visitor identified only later is
/// still anonymous at T (identities' first_seen), and sessions still running at T are left out. Missing history becomes a neutral
/// value (counts 0, "days since" 9999) so tree learners see no NULLs. Rows are filtered on UTC
/// instants (T's local midnight, computed once); "days since" converts only per-person extremes
/// to the shop's days; an N-day window is the N × 24 hours before T.
/// </summary>
public static class PurchaseFeatures
{
    /// <summary>Feature names in column order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "is_customer", "days_since_visit", "days_since_order", "days_since_cart_add", "visit_tenure_days", "order_tenure_days",
        "sessions_7d", "sessions_30d", "sessions_90d", "sessions_365d", "sessions_trend_7d_vs_28d",
        "product_views_7d", "product_views_30d", "product_views_90d", "cart_adds_7d", "cart_adds_30d", "cart_adds_90d",
        "checkouts_30d", "checkouts_90d", "cart_abandonment_90d", "mean_session_events", "mean_session_seconds", "mobile_share",
        "orders_30d", "orders_90d", "orders_365d", "orders_all", "revenue_30d", "revenue_90d", "revenue_365d", "average_order_value",
        "purchase_cycle_days", "days_until_expected_order", "coupon_orders_365d",
        "sessions_1d", "sessions_14d", "product_views_1d", "product_views_14d", "cart_adds_1d", "cart_adds_14d", "checkouts_7d",
        "page_views_30d", "weekend_share", "evening_share", "modal_hour", "paid_share", "email_share", "direct_share",
        "distinct_products_viewed_30d", "distinct_categories_viewed_30d", "cart_removes_30d", "message_opens_30d", "message_clicks_30d",
        "orders_7d", "revenue_7d", "refunds_365d", "distinct_categories_bought_365d", "items_per_order",
        "average_item_price", "coupon_sessions_365d", "coupon_session_purchases_365d",
    ];

    /// <summary>
    /// Features and labels of everyone active before <paramref name="cutoff"/>: column 0 is the person,
    /// then <see cref="Names"/>, then "bought in the horizon" and "visited in the horizon".
    /// </summary>
    public static Task<ResultTable> BuildAsync(IAnalyticsEngine engine, string timeZone, DateOnly cutoff, int horizonDays, CancellationToken cancellationToken = default) =>
        engine.QueryAsync(Sql,
            [timeZone, cutoff.ToDateTime(TimeOnly.MinValue),
             ShopTime.LocalMidnightToUtc(cutoff, timeZone), ShopTime.LocalMidnightToUtc(cutoff.AddDays(horizonDays), timeZone)],
            cancellationToken);

    // Shaped for 100 M events (docs/benchmarks.md, "Feature building at scale"): identities are
    // narrowed to the links made at or after T before the join; the local time of a session comes from
    // a per-quarter-hour offset table; event-level features join only the sessions that can hold an
    // event of their window; coupon sessions are a semi-join folded into the session aggregate.
    private const string Sql = """
        WITH late_links AS (
          -- links made at or after T: their sessions still belong to the anonymous visitor at T
          SELECT anonymous_id, customer_id FROM identities GROUP BY ALL HAVING min(first_seen) >= $3),
        sp AS (
          -- A session's person as known at T: a stitched session counts as the customer's only when
          -- the anonymous id was linked to them before T (else it is still the anonymous visitor), and
          -- only sessions over before T count, so nothing after T leaks into the features.
          SELECT ss.session_id, ss.started_at, ss.ended_at, ss.events, ss.page_views, ss.product_views, ss.cart_adds, ss.checkouts,
                 ss.purchases, ss.device, ss.channel,
                 CASE WHEN i.anonymous_id IS NOT NULL THEN 'anon:' || ss.anonymous_id ELSE coalesce(ss.customer_id, ss.actor_id) END AS person
          FROM sessions ss
          LEFT JOIN late_links i ON i.anonymous_id = ss.anonymous_id AND i.customer_id = ss.customer_id
          WHERE ss.ended_at < $3),
        -- Sessions that carried a coupon in the last 365 days (past response to coupons).
        coupon_sessions AS (
          SELECT DISTINCT session_id FROM events
          WHERE event_type = 'coupon_applied' AND occurred_at >= $3 - INTERVAL 365 DAY AND occurred_at < $3),
        -- The shop's UTC offset in every 15 minutes since the first session: offsets and their changes
        -- fall on quarter hours (every zone since 1972), so one lookup per quarter replaces a time-zone
        -- conversion per session.
        offsets AS (
          SELECT q, epoch_us(timezone($1, (TIMESTAMP '1970-01-01' + to_microseconds(q * 900000000))::TIMESTAMPTZ)) - q * 900000000 AS offset_us
          FROM range(coalesce((SELECT min(epoch_us(started_at)) FROM sp), epoch_us($3)) // 900000000, epoch_us($3) // 900000000 + 1) r(q)),
        s AS (
          SELECT person, started_at AS t,
                 product_views, cart_adds, checkouts, purchases, events, page_views, device, channel,
                 epoch(ended_at - started_at) AS secs, started_at + to_microseconds(z.offset_us) AS local_t,
                 session_id IN (SELECT session_id FROM coupon_sessions) AS coupon
          FROM sp JOIN offsets z ON z.q = epoch_us(sp.started_at) // 900000000),
        -- The most frequent local hour; ties go to the earliest hour, so the value is deterministic.
        mh AS (
          SELECT person, arg_max(h, n * 100 - h) AS modal_hour
          FROM (SELECT person, hour(local_t) AS h, count(*) AS n FROM s GROUP BY ALL) GROUP BY person),
        o AS (
          SELECT l.customer_id AS person, l.order_id, min(l.ordered_at) AS t, sum(l.amount) AS amount,
                 sum(l.quantity) AS items, any_value(od.coupon_code) IS NOT NULL AS with_coupon
          FROM order_lines l LEFT JOIN orders od USING (order_id)
          WHERE l.kind = 'sale' AND l.customer_id IS NOT NULL AND l.ordered_at < $3
          GROUP BY 1, 2),
        ol AS (
          SELECT customer_id AS person,
            count(DISTINCT order_id) FILTER (WHERE kind = 'cancellation') AS refunds_365d,
            count(DISTINCT category) FILTER (WHERE kind = 'sale') AS distinct_categories_bought_365d
          FROM order_lines
          WHERE customer_id IS NOT NULL AND ordered_at >= $3 - INTERVAL 365 DAY AND ordered_at < $3
          GROUP BY 1),
        ev AS (
          -- an event of the last 30 days belongs to a session that ended in them
          SELECT ss.person,
            count(DISTINCT e.product_id) FILTER (WHERE e.event_type = 'product_view') AS distinct_products_viewed_30d,
            count(DISTINCT e.category) FILTER (WHERE e.event_type = 'product_view') AS distinct_categories_viewed_30d,
            count(*) FILTER (WHERE e.event_type = 'remove_from_cart') AS cart_removes_30d,
            count(*) FILTER (WHERE e.event_type = 'message_open') AS message_opens_30d,
            count(*) FILTER (WHERE e.event_type = 'message_click') AS message_clicks_30d
          FROM events e JOIN (SELECT session_id, person FROM sp WHERE ended_at >= $3 - INTERVAL 30 DAY) ss USING (session_id)
          WHERE e.occurred_at >= $3 - INTERVAL 30 DAY AND e.occurred_at < $3
            AND e.event_type IN ('product_view', 'remove_from_cart', 'message_open', 'message_click')
          GROUP BY 1),
        sf AS (
          SELECT person,
            date_diff('day', timezone($1, max(t)::TIMESTAMPTZ)::DATE, $2::DATE) AS days_since_visit,
            date_diff('day', timezone($1, (max(t) FILTER (WHERE cart_adds > 0))::TIMESTAMPTZ)::DATE, $2::DATE) AS days_since_cart_add,
            date_diff('day', timezone($1, min(t)::TIMESTAMPTZ)::DATE, $2::DATE) AS visit_tenure_days,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 7 DAY) AS sessions_7d,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 30 DAY) AS sessions_30d,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 90 DAY) AS sessions_90d,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 365 DAY) AS sessions_365d,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 7 DAY)
              / (1 + count(*) FILTER (WHERE t >= $3 - INTERVAL 35 DAY AND t < $3 - INTERVAL 7 DAY) / 4.0) AS sessions_trend_7d_vs_28d,
            sum(product_views) FILTER (WHERE t >= $3 - INTERVAL 7 DAY) AS product_views_7d,
            sum(product_views) FILTER (WHERE t >= $3 - INTERVAL 30 DAY) AS product_views_30d,
            sum(product_views) FILTER (WHERE t >= $3 - INTERVAL 90 DAY) AS product_views_90d,
            sum(cart_adds) FILTER (WHERE t >= $3 - INTERVAL 7 DAY) AS cart_adds_7d,
            sum(cart_adds) FILTER (WHERE t >= $3 - INTERVAL 30 DAY) AS cart_adds_30d,
            sum(cart_adds) FILTER (WHERE t >= $3 - INTERVAL 90 DAY) AS cart_adds_90d,
            sum(checkouts) FILTER (WHERE t >= $3 - INTERVAL 30 DAY) AS checkouts_30d,
            sum(checkouts) FILTER (WHERE t >= $3 - INTERVAL 90 DAY) AS checkouts_90d,
            count(*) FILTER (WHERE cart_adds > 0 AND purchases = 0 AND t >= $3 - INTERVAL 90 DAY)
              / nullif(count(*) FILTER (WHERE cart_adds > 0 AND t >= $3 - INTERVAL 90 DAY), 0) AS cart_abandonment_90d,
            avg(events) AS mean_session_events, avg(secs) AS mean_session_seconds,
            avg(CASE WHEN device = 'mobile' THEN 1.0 ELSE 0.0 END) AS mobile_share,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 1 DAY) AS sessions_1d,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 14 DAY) AS sessions_14d,
            sum(product_views) FILTER (WHERE t >= $3 - INTERVAL 1 DAY) AS product_views_1d,
            sum(product_views) FILTER (WHERE t >= $3 - INTERVAL 14 DAY) AS product_views_14d,
            sum(cart_adds) FILTER (WHERE t >= $3 - INTERVAL 1 DAY) AS cart_adds_1d,
            sum(cart_adds) FILTER (WHERE t >= $3 - INTERVAL 14 DAY) AS cart_adds_14d,
            sum(checkouts) FILTER (WHERE t >= $3 - INTERVAL 7 DAY) AS checkouts_7d,
            sum(page_views) FILTER (WHERE t >= $3 - INTERVAL 30 DAY) AS page_views_30d,
            avg(CASE WHEN isodow(local_t) >= 6 THEN 1.0 ELSE 0.0 END) AS weekend_share,
            avg(CASE WHEN hour(local_t) >= 18 THEN 1.0 ELSE 0.0 END) AS evening_share,
            avg(CASE WHEN channel IN ('paid_search', 'social') THEN 1.0 ELSE 0.0 END) AS paid_share,
            avg(CASE WHEN channel = 'email' THEN 1.0 ELSE 0.0 END) AS email_share,
            avg(CASE WHEN channel IN ('direct', 'organic') THEN 1.0 ELSE 0.0 END) AS direct_share,
            count(*) FILTER (WHERE coupon) AS coupon_sessions_365d, count(*) FILTER (WHERE coupon AND purchases > 0) AS coupon_session_purchases_365d
          FROM s GROUP BY person),
        of AS (
          SELECT person,
            date_diff('day', timezone($1, max(t)::TIMESTAMPTZ)::DATE, $2::DATE) AS days_since_order,
            date_diff('day', timezone($1, min(t)::TIMESTAMPTZ)::DATE, $2::DATE) AS order_tenure_days,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 30 DAY) AS orders_30d,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 90 DAY) AS orders_90d,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 365 DAY) AS orders_365d,
            count(*) AS orders_all,
            sum(amount) FILTER (WHERE t >= $3 - INTERVAL 30 DAY) AS revenue_30d,
            sum(amount) FILTER (WHERE t >= $3 - INTERVAL 90 DAY) AS revenue_90d,
            sum(amount) FILTER (WHERE t >= $3 - INTERVAL 365 DAY) AS revenue_365d,
            avg(amount) AS average_order_value,
            date_diff('day', timezone($1, min(t)::TIMESTAMPTZ)::DATE, timezone($1, max(t)::TIMESTAMPTZ)::DATE) / nullif(count(*) - 1, 0) AS purchase_cycle_days,
            count(*) FILTER (WHERE with_coupon AND t >= $3 - INTERVAL 365 DAY) AS coupon_orders_365d,
            count(*) FILTER (WHERE t >= $3 - INTERVAL 7 DAY) AS orders_7d,
            sum(amount) FILTER (WHERE t >= $3 - INTERVAL 7 DAY) AS revenue_7d,
            avg(items) AS items_per_order,
            sum(amount) / nullif(sum(items), 0) AS average_item_price
          FROM o GROUP BY person),
        buyers AS (
          SELECT DISTINCT customer_id FROM order_lines
          WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at >= $3 AND ordered_at < $4),
        -- A visitor still anonymous at T converts when the customer they turn out to be buys in the horizon.
        labels AS (
          SELECT customer_id AS person FROM buyers
          UNION SELECT 'anon:' || i.anonymous_id FROM identities i JOIN buyers b USING (customer_id) WHERE i.first_seen >= $3),
        visits AS (
          SELECT coalesce(customer_id, actor_id) AS person FROM sessions WHERE started_at >= $3 AND started_at < $4
          UNION SELECT 'anon:' || anonymous_id FROM sessions WHERE anonymous_id IS NOT NULL AND started_at >= $3 AND started_at < $4)
        SELECT p.person,
          CASE WHEN starts_with(p.person, 'anon:') THEN 0 ELSE 1 END,
          coalesce(sf.days_since_visit, 9999), coalesce(of.days_since_order, 9999), coalesce(sf.days_since_cart_add, 9999),
          coalesce(sf.visit_tenure_days, 0), coalesce(of.order_tenure_days, 0),
          coalesce(sf.sessions_7d, 0), coalesce(sf.sessions_30d, 0), coalesce(sf.sessions_90d, 0), coalesce(sf.sessions_365d, 0),
          coalesce(sf.sessions_trend_7d_vs_28d, 0),
          coalesce(sf.product_views_7d, 0), coalesce(sf.product_views_30d, 0), coalesce(sf.product_views_90d, 0),
          coalesce(sf.cart_adds_7d, 0), coalesce(sf.cart_adds_30d, 0), coalesce(sf.cart_adds_90d, 0),
          coalesce(sf.checkouts_30d, 0), coalesce(sf.checkouts_90d, 0), coalesce(sf.cart_abandonment_90d, 0),
          coalesce(sf.mean_session_events, 0), coalesce(sf.mean_session_seconds, 0), coalesce(sf.mobile_share, 0),
          coalesce(of.orders_30d, 0), coalesce(of.orders_90d, 0), coalesce(of.orders_365d, 0), coalesce(of.orders_all, 0),
          coalesce(of.revenue_30d, 0), coalesce(of.revenue_90d, 0), coalesce(of.revenue_365d, 0), coalesce(of.average_order_value, 0),
          coalesce(of.purchase_cycle_days, 0),
          CASE WHEN of.purchase_cycle_days IS NULL THEN 9999 ELSE of.purchase_cycle_days - of.days_since_order END,
          coalesce(of.coupon_orders_365d, 0),
          coalesce(sf.sessions_1d, 0), coalesce(sf.sessions_14d, 0), coalesce(sf.product_views_1d, 0), coalesce(sf.product_views_14d, 0),
          coalesce(sf.cart_adds_1d, 0), coalesce(sf.cart_adds_14d, 0), coalesce(sf.checkouts_7d, 0), coalesce(sf.page_views_30d, 0),
          coalesce(sf.weekend_share, 0), coalesce(sf.evening_share, 0), coalesce(mh.modal_hour, -1),
          coalesce(sf.paid_share, 0), coalesce(sf.email_share, 0), coalesce(sf.direct_share, 0),
          coalesce(ev.distinct_products_viewed_30d, 0), coalesce(ev.distinct_categories_viewed_30d, 0), coalesce(ev.cart_removes_30d, 0),
          coalesce(ev.message_opens_30d, 0), coalesce(ev.message_clicks_30d, 0),
          coalesce(of.orders_7d, 0), coalesce(of.revenue_7d, 0), coalesce(ol.refunds_365d, 0), coalesce(ol.distinct_categories_bought_365d, 0),
          coalesce(of.items_per_order, 0),
          coalesce(of.average_item_price, 0), coalesce(sf.coupon_sessions_365d, 0), coalesce(sf.coupon_session_purchases_365d, 0),
          l.person IS NOT NULL AS label,
          v.person IS NOT NULL AS visited
        FROM (SELECT person FROM sf UNION ALL SELECT person FROM of ANTI JOIN sf USING (person)) p
        LEFT JOIN sf USING (person)
        LEFT JOIN of USING (person)
        LEFT JOIN ol USING (person)
        LEFT JOIN ev USING (person)
        LEFT JOIN mh USING (person)
        LEFT JOIN labels l USING (person)
        LEFT JOIN visits v USING (person)
        ORDER BY p.person
        """;
}
