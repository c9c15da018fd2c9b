using System.Globalization;
using Segmenta.Engine.Simulation;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Features;
using Segmenta.Storage.Import;
using Segmenta.Testing;

namespace Segmenta.Engine.Tests.Predictions;

/// <summary>
/// The feature SQL is shaped for speed at 100 M events (docs/benchmarks.md); its definitions must not
/// move. Invariant: on a simulated shop spanning the spring and autumn clock changes, every feature of
/// every person equals the one computed by <see cref="ReferenceSql"/> — the plain formulation the
/// definitions in docs/models.md were first written as (a time-zone conversion per session, coupon
/// sessions by a join with count(DISTINCT), identities joined whole) — in zones with whole-hour,
/// half-hour and 45-minute offsets.
/// </summary>
public sealed class PurchaseFeaturesReferenceTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-featref-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Features_EqualThePlainFormulation_InEveryZone()
    {
        // Given a simulated shop from March to November 2025 (both clock changes in Europe and Australia)
        var shop = Path.Combine(_temp.Path, "shop");
        new ShopSimulator(new SimulationOptions { Customers = 700, Days = 240, Start = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), Seed = 11 }).WriteTo(shop);
        await using var workspace = await Workspace.OpenAsync(Path.Combine(_temp.Path, "ws"));
        var importer = workspace.CreateImporter();
        foreach (var (kind, file) in new[]
                 {
                     (ImportKind.Products, ShopSimulator.ProductsFile), (ImportKind.Customers, ShopSimulator.CustomersFile),
                     (ImportKind.Orders, ShopSimulator.OrdersFile), (ImportKind.Events, ShopSimulator.EventsFile),
                 })
        {
            await importer.ImportAsync(new ImportRequest(kind, Path.Combine(shop, file), "csv", SourceTimeZone: "UTC"));
        }
        var compared = 0;
        var couponSessions = 0.0;
        var stitched = 0;
        foreach (var zone in new[] { "UTC", "Europe/Berlin", "Australia/Adelaide", "Asia/Kathmandu", "America/Santiago" })
        {
            foreach (var cutoff in new[] { new DateOnly(2025, 4, 15), new DateOnly(2025, 10, 28) })
            {
                // When the features at T are built both ways
                var fast = await PurchaseFeatures.BuildAsync(workspace.Engine, zone, cutoff, 7);
                var plain = await workspace.Engine.QueryAsync(ReferenceSql,
                    [zone, cutoff.ToDateTime(TimeOnly.MinValue), ShopTime.LocalMidnightToUtc(cutoff, zone), ShopTime.LocalMidnightToUtc(cutoff.AddDays(7), zone)]);

                // Then the same people in the same order, with the same values
                Assert.Equal(plain.Rows.Select(r => (string)r[0]!), fast.Rows.Select(r => (string)r[0]!));
                for (var p = 0; p < plain.Rows.Count; p++)
                {
                    for (var i = 1; i < plain.Rows[p].Length; i++)
                    {
                        var x = Value(plain.Rows[p][i]);
                        var y = Value(fast.Rows[p][i]);
                        Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)),
                            $"{zone} {cutoff:yyyy-MM-dd} {plain.Rows[p][0]} column {i}: {x} plain, {y} fast");
                    }
                    couponSessions += Value(plain.Rows[p][PurchaseFeatures.Names.Count - 1]);
                    stitched += ((string)plain.Rows[p][0]!).StartsWith("anon:", StringComparison.Ordinal) ? 1 : 0;
                }
                compared += plain.Rows.Count;
            }
        }
        // and the comparison covered people, coupon sessions and anonymous visitors
        Assert.True(compared > 5000, $"{compared} rows compared");
        Assert.True(couponSessions > 0, "no coupon sessions in the comparison");
        Assert.True(stitched > 0, "no anonymous visitors in the comparison");
    }

    private static double Value(object? value) => value switch
    {
        System.Numerics.BigInteger big => (double)big,
        bool b => b ? 1 : 0,
        _ => Convert.ToDouble(value ?? 0, CultureInfo.InvariantCulture),
    };

    /// <summary>The feature SQL as first written (before the changes for scale), kept as the oracle.</summary>
    private const string ReferenceSql = """
        WITH sp AS (
          -- A session's person as known at T: a stitched session counts as the customer's only when
          -- the anonymous id was linked to them before T (else it is still the anonymous visitor), and
          -- only sessions over before T count, so nothing after T leaks into the features.
          SELECT ss.*, CASE WHEN ss.customer_id IS NOT NULL AND ss.anonymous_id IS NOT NULL AND i.first_seen >= $3
                            THEN 'anon:' || ss.anonymous_id ELSE coalesce(ss.customer_id, ss.actor_id) END AS person
          FROM sessions ss
          LEFT JOIN (SELECT anonymous_id, customer_id, min(first_seen) AS first_seen FROM identities GROUP BY ALL) i
                 ON i.anonymous_id = ss.anonymous_id AND i.customer_id = ss.customer_id
          WHERE ss.ended_at < $3),
        s AS (
          SELECT person, started_at AS t,
                 product_views, cart_adds, checkouts, purchases, events, page_views, device, channel,
                 epoch(ended_at - started_at) AS secs, timezone($1, started_at::TIMESTAMPTZ) AS local_t
          FROM sp),
        -- Past response to coupons: sessions that carried one, and those of them that ended in a purchase.
        cp AS (
          SELECT ss.person, count(DISTINCT ss.session_id) AS coupon_sessions_365d,
                 count(DISTINCT ss.session_id) FILTER (WHERE ss.purchases > 0) AS coupon_session_purchases_365d
          FROM events e JOIN sp ss USING (session_id)
          WHERE e.event_type = 'coupon_applied' AND e.occurred_at >= $3 - INTERVAL 365 DAY AND e.occurred_at < $3
          GROUP BY 1),
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
          SELECT ss.person,
            count(DISTINCT e.product_id) FILTER (WHERE e.event_type = 'product_view') AS distinct_products_viewed_30d,
            count(DISTINCT e.category) FILTER (WHERE e.event_type = 'product_view') AS distinct_categories_viewed_30d,
            count(*) FILTER (WHERE e.event_type = 'remove_from_cart') AS cart_removes_30d,
            count(*) FILTER (WHERE e.event_type = 'message_open') AS message_opens_30d,
            count(*) FILTER (WHERE e.event_type = 'message_click') AS message_clicks_30d
          FROM events e JOIN sp ss USING (session_id)
          WHERE e.occurred_at >= $3 - INTERVAL 30 DAY AND e.occurred_at < $3
            AND e.event_type IN ('product_view', 'remove_from_cart', 'message_open', 'message_click')
          GROUP BY 1),
        people AS (SELECT person FROM s UNION SELECT person FROM o),
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
            avg(CASE WHEN channel IN ('direct', 'organic') THEN 1.0 ELSE 0.0 END) AS direct_share
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
          coalesce(of.average_item_price, 0), coalesce(cp.coupon_sessions_365d, 0), coalesce(cp.coupon_session_purchases_365d, 0),
          l.person IS NOT NULL AS label,
          v.person IS NOT NULL AS visited
        FROM people p
        LEFT JOIN sf USING (person)
        LEFT JOIN of USING (person)
        LEFT JOIN ol USING (person)
        LEFT JOIN ev USING (person)
        LEFT JOIN mh USING (person)
        LEFT JOIN cp USING (person)
        LEFT JOIN labels l USING (person)
        LEFT JOIN visits v USING (person)
        ORDER BY p.person
        """;
}
