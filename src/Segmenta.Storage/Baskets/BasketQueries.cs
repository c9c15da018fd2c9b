using Segmenta.Core.Baskets;

namespace Segmenta.Storage.Baskets;

/// <summary>
/// Baskets and purchase histories for the basket algorithms, grouped in SQL: a basket is a sale
/// order's distinct products (guest orders count); a purchase is a customer–product pair with its time.
/// </summary>
public static class BasketQueries
{
    /// <summary>Every sale order's distinct products.</summary>
    public static async Task<BasketSet> BasketsAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default)
    {
        var table = await engine.QueryAsync("""
            SELECT list(DISTINCT product_id ORDER BY product_id) AS items
            FROM order_lines WHERE kind = 'sale' AND product_id IS NOT NULL
            GROUP BY order_id ORDER BY order_id
            """, null, cancellationToken).ConfigureAwait(false);
        return BasketSet.Create(table.Rows.Select(r => (IReadOnlyList<string>)((System.Collections.IEnumerable)r[0]!).Cast<string>().ToList()));
    }

    /// <summary>Identified customers' purchases: (customer, product, first time bought), one row per pair.</summary>
    public static async Task<IReadOnlyList<DatedPurchase>> PurchasesAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default)
    {
        var table = await engine.QueryAsync("""
            SELECT customer_id, product_id, min(ordered_at) FROM order_lines
            WHERE kind = 'sale' AND customer_id IS NOT NULL AND product_id IS NOT NULL AND quantity > 0
            GROUP BY 1, 2 ORDER BY 1, 2
            """, null, cancellationToken).ConfigureAwait(false);
        return table.Rows.Select(r => new DatedPurchase((string)r[0]!, (string)r[1]!, (DateTime)r[2]!)).ToList();
    }
}
