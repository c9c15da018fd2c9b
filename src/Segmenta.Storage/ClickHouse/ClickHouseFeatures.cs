using System.Globalization;
using Segmenta.Storage.Features;

namespace Segmenta.Storage.ClickHouse;

/// <summary>
/// The order-based part of the purchase features (docs/models.md#features) computed inside
/// ClickHouse: for every customer with a sale line before the cutoff T, the features of
/// <see cref="PurchaseFeatures"/> that come from orders alone, with the same definitions, neutral
/// values and label ("bought in [T, T + horizon)"). Only these per-customer rows come back, ready for
/// model fitting. Session and event features need the identity links, which stay in the workspace.
/// </summary>
public static class ClickHouseFeatures
{
    /// <summary>The order-based feature names, in column order (each also in <see cref="PurchaseFeatures.Names"/>).</summary>
    public static readonly IReadOnlyList<string> OrderNames =
    [
        "days_since_order", "order_tenure_days", "orders_7d", "orders_30d", "orders_90d", "orders_365d", "orders_all",
        "revenue_7d", "revenue_30d", "revenue_90d", "revenue_365d", "average_order_value", "purchase_cycle_days",
        "days_until_expected_order", "coupon_orders_365d", "items_per_order", "average_item_price", "refunds_365d",
        "distinct_categories_bought_365d",
    ];

    private static readonly int[] Windows = [7, 30, 90, 365];

    /// <summary>
    /// One row per customer with a sale line before <paramref name="cutoff"/> (the shop's local midnight),
    /// ordered by customer: <c>person</c>, then <see cref="OrderNames"/>, then <c>label</c> (1 when they bought in the horizon).
    /// </summary>
    public static Task<ResultTable> OrderFeaturesAsync(ClickHouseEngine engine, string timeZone, DateOnly cutoff, int horizonDays, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonDays, 1);
        var t = ShopTime.LocalMidnightToUtc(cutoff, timeZone);
        // An N-day window is the N × 24 hours before T, as in PurchaseFeatures.
        string Since(int days) => ClickHouseEngine.Literal(t.AddDays(-days));
        var windows = string.Join(",\n", Windows.Select(d => string.Create(CultureInfo.InvariantCulture,
            $"countIf(t >= {Since(d)}) AS orders_{d}d, sumIf(amount, t >= {Since(d)}) AS revenue_{d}d")));
        // Per order (the sale lines of one order): first instant, amount, items; the coupon comes from
        // the order document. 18.16 allows one JOIN per SELECT, so the pieces are joined one level at a time.
        var sql = $"""
            SELECT person,
                   days_since_order, order_tenure_days, orders_7d, orders_30d, orders_90d, orders_365d, orders_all,
                   revenue_7d, revenue_30d, revenue_90d, revenue_365d, average_order_value,
                   ifNull(cycle, 0) AS purchase_cycle_days,
                   if(isNull(cycle), 9999, cycle - days_since_order) AS days_until_expected_order,
                   coupon_orders_365d, items_per_order, average_item_price,
                   ifNull(refunds, 0) AS refunds_365d, ifNull(categories, 0) AS distinct_categories_bought_365d,
                   ifNull(bought, 0) AS label
            FROM (
              SELECT person, days_since_order, order_tenure_days, orders_7d, orders_30d, orders_90d, orders_365d, orders_all,
                     revenue_7d, revenue_30d, revenue_90d, revenue_365d, average_order_value, cycle, coupon_orders_365d,
                     items_per_order, average_item_price, refunds, categories
              FROM (
                SELECT person,
                       toInt64($2 - toDate(toTimeZone(max(t), $1))) AS days_since_order,
                       toInt64($2 - toDate(toTimeZone(min(t), $1))) AS order_tenure_days,
                       {windows},
                       count() AS orders_all,
                       avg(amount) AS average_order_value,
                       if(count() = 1, NULL, (toDate(toTimeZone(max(t), $1)) - toDate(toTimeZone(min(t), $1))) / (count() - 1)) AS cycle,
                       countIf(coupon AND t >= {Since(365)}) AS coupon_orders_365d,
                       avg(items) AS items_per_order,
                       if(sum(items) = 0, NULL, sum(amount) / sum(items)) AS average_item_price
                FROM (
                  SELECT person, t, order_amount AS amount, items, ifNull(with_coupon, 0) AS coupon FROM (
                    SELECT assumeNotNull(customer_id) AS person, order_id, assumeNotNull(min(ordered_at)) AS t,
                           sum(amount) AS order_amount, sum(quantity) AS items
                    FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at < $3
                    GROUP BY person, order_id)
                  ANY LEFT JOIN (SELECT order_id, max(isNotNull(coupon_code)) AS with_coupon FROM orders WHERE order_id IS NOT NULL GROUP BY order_id) USING order_id)
                GROUP BY person)
              ANY LEFT JOIN (
                SELECT assumeNotNull(customer_id) AS person,
                       uniqExactIf(order_id, kind = 'cancellation') AS refunds,
                       uniqExactIf(category, kind = 'sale') AS categories
                FROM order_lines WHERE customer_id IS NOT NULL AND ordered_at >= {Since(365)} AND ordered_at < $3
                GROUP BY person) USING person)
            ANY LEFT JOIN (
              SELECT DISTINCT assumeNotNull(customer_id) AS person, 1 AS bought FROM order_lines
              WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at >= $3 AND ordered_at < $4) USING person
            ORDER BY person
            """;
        return engine.QueryAsync(sql, [timeZone, cutoff, t, ShopTime.LocalMidnightToUtc(cutoff.AddDays(horizonDays), timeZone)], cancellationToken);
    }
}
