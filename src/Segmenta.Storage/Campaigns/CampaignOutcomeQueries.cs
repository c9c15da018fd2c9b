namespace Segmenta.Storage.Campaigns;

/// <summary>Per-arm outcomes of a campaign (docs/campaigns.md §4), set-based over the outbox and orders.</summary>
public static class CampaignOutcomeQueries
{
    /// <summary>
    /// Per arm (treatment = messages sent, control = held out): customers, customers with an order in
    /// [due_at, due_at + days), customers with two or more, and revenue of those orders (placed sales only).
    /// </summary>
    public static async Task<ResultTable> ArmsAsync(IAnalyticsEngine engine, string campaignId, int days, CancellationToken cancellationToken = default)
    {
        await CampaignStore.EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        return await engine.QueryAsync("""
            WITH m AS (SELECT customer_id, arm, due_at FROM outbox WHERE campaign_id = $1 AND (arm = 'control' OR status = 'sent')),
            per AS (SELECT m.arm, m.customer_id, count(o.order_id) AS orders, coalesce(sum(o.amount), 0) AS revenue
                    FROM m LEFT JOIN orders o ON o.customer_id = m.customer_id AND o.kind = 'sale' AND o.status = 'placed'
                         AND o.ordered_at >= m.due_at AND o.ordered_at < m.due_at + to_days($2)
                    GROUP BY 1, 2)
            SELECT arm, count(*) AS customers, count(*) FILTER (WHERE orders >= 1) AS converted,
                   count(*) FILTER (WHERE orders >= 2) AS repeated, sum(revenue) AS revenue
            FROM per GROUP BY 1 ORDER BY 1 DESC
            """, [campaignId, days], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One row per customer of the campaign: arm, ordered in [due_at, due_at + days), revenue of those orders.</summary>
    public static async Task<ResultTable> PerCustomerAsync(IAnalyticsEngine engine, string campaignId, int days, CancellationToken cancellationToken = default)
    {
        await CampaignStore.EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        return await engine.QueryAsync("""
            WITH m AS (SELECT customer_id, arm, due_at FROM outbox WHERE campaign_id = $1 AND (arm = 'control' OR status = 'sent'))
            SELECT m.arm, count(o.order_id) >= 1 AS converted, coalesce(sum(o.amount), 0) AS revenue
            FROM m LEFT JOIN orders o ON o.customer_id = m.customer_id AND o.kind = 'sale' AND o.status = 'placed'
                 AND o.ordered_at >= m.due_at AND o.ordered_at < m.due_at + to_days($2)
            GROUP BY m.arm, m.customer_id ORDER BY m.customer_id
            """, [campaignId, days], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The coupon codes the campaign issued.</summary>
    public static async Task<HashSet<string>> CodesAsync(IAnalyticsEngine engine, string campaignId, CancellationToken cancellationToken = default)
    {
        var rows = await engine.QueryAsync("SELECT code FROM coupon_codes WHERE campaign_id = $1", [campaignId], cancellationToken).ConfigureAwait(false);
        return rows.Rows.Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
    }
}
