using Segmenta.Core.Rfm;
using Segmenta.Core.Segments;

namespace Segmenta.Storage.Profiles;

/// <summary>
/// Live customer profiles (docs/api.md, "Customer profiles"): per customer running totals in
/// <c>customer_live</c>, rebuilt from <c>order_lines</c> when the server starts and then updated by
/// each ingestion load in the same transaction. A profile reads them and scores the customer
/// against everyone in the table with the RFM quintile rule on the purchases basis — the very
/// figures a full <c>segmenta rfm --basis purchases</c> snapshot for tomorrow would give.
/// </summary>
public static class LiveProfiles
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS customer_live (
            customer_id VARCHAR PRIMARY KEY, orders BIGINT, monetary DOUBLE, taken_back DOUBLE,
            first_sale_at TIMESTAMP, last_sale_at TIMESTAMP, last_paid_at TIMESTAMP, updated_at TIMESTAMP)
        """;

    /// <summary>
    /// The per-customer aggregate over a set of order lines <c>{0}</c> — the same rules as the RFM
    /// query: orders and monetary over sale lines with a positive amount; taken_back what
    /// cancellations, refunds and cancelled sales took back (negative).
    /// </summary>
    private const string Aggregate = """
        SELECT customer_id,
               count(DISTINCT order_id) FILTER (WHERE kind = 'sale' AND amount > 0) AS orders,
               coalesce(sum(amount) FILTER (WHERE kind = 'sale' AND amount > 0), 0) AS monetary,
               coalesce(sum(CASE WHEN kind = 'cancellation' THEN amount ELSE -amount END) FILTER (WHERE kind = 'cancellation' OR status <> 'placed'), 0) AS taken_back,
               min(ordered_at) FILTER (WHERE kind = 'sale') AS first_sale_at,
               max(ordered_at) FILTER (WHERE kind = 'sale') AS last_sale_at,
               max(ordered_at) FILTER (WHERE kind = 'sale' AND amount > 0) AS last_paid_at,
               $1::TIMESTAMP AS updated_at
        FROM {0} WHERE customer_id IS NOT NULL GROUP BY customer_id
        """;

    /// <summary>Creates the table when missing.</summary>
    public static Task EnsureAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default) =>
        engine.ExecuteAsync(Ddl, null, cancellationToken);

    /// <summary>Full recompute from every stored order line (at server start, after offline imports).</summary>
    public static async Task RebuildAsync(IAnalyticsEngine engine, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        await engine.ExecuteAsync("DELETE FROM customer_live", null, cancellationToken).ConfigureAwait(false);
        await engine.ExecuteAsync("INSERT INTO customer_live " + Aggregate.Replace("{0}", "order_lines", StringComparison.Ordinal), [nowUtc], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the lines of <paramref name="newLinesTable"/> (order_lines-shaped, orders never seen before) to the running totals.</summary>
    public static Task ApplyAsync(IAnalyticsEngine engine, string newLinesTable, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        engine.ExecuteAsync($"""
            INSERT INTO customer_live {Aggregate.Replace("{0}", newLinesTable, StringComparison.Ordinal)}
            ON CONFLICT (customer_id) DO UPDATE SET
              orders = customer_live.orders + excluded.orders,
              monetary = customer_live.monetary + excluded.monetary,
              taken_back = customer_live.taken_back + excluded.taken_back,
              first_sale_at = least(customer_live.first_sale_at, excluded.first_sale_at),
              last_sale_at = greatest(customer_live.last_sale_at, excluded.last_sale_at),
              last_paid_at = greatest(customer_live.last_paid_at, excluded.last_paid_at),
              updated_at = excluded.updated_at
            """, [nowUtc], cancellationToken);

    /// <summary>
    /// One customer's profile as of <paramref name="asOf"/> (activity strictly before that shop-local day),
    /// with the columns of <see cref="Segments.SegmentQueries.Profiles"/> plus metrics and freshness; null when unknown.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, object?>?> GetAsync(
        IAnalyticsEngine engine, string customerId, DateOnly asOf, string timeZone, int newCustomerDays, SegmentRuleTable rules,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var hasClv = await TableExistsAsync(engine, "clv_predictions", cancellationToken).ConfigureAwait(false);
        var hasPurchase = await TableExistsAsync(engine, "purchase_predictions", cancellationToken).ConfigureAwait(false);
        var isNew = new NewCustomerRule(newCustomerDays).ToSql("first_day", "$2::DATE");
        var caseSql = rules.ToSqlCase(5);
        var asOfUtc = ShopTime.LocalMidnightToUtc(asOf, timeZone);
        var table = await engine.QueryAsync($"""
            WITH pop AS (
              SELECT customer_id, orders AS frequency, monetary, orders, taken_back, first_sale_at, last_sale_at, last_paid_at, updated_at,
                     date_diff('day', timezone($1, last_paid_at::TIMESTAMPTZ)::DATE, $2::DATE) AS recency_days
              FROM customer_live WHERE orders > 0 AND last_paid_at < $3),
            scored AS (
              SELECT *, {RfmSql.RecencyScore} AS r_score, {RfmSql.FrequencyScore} AS f_score, {RfmSql.MonetaryScore} AS m_score,
                     count(*) OVER () AS population
              FROM pop),
            me AS (
              SELECT l.customer_id, l.orders, l.monetary, l.taken_back, l.first_sale_at, l.last_sale_at, l.last_paid_at, l.updated_at,
                     s.r_score, s.f_score, s.m_score, s.recency_days, s.population,
                     timezone($1, l.first_sale_at::TIMESTAMPTZ)::DATE AS first_day
              FROM customer_live l LEFT JOIN scored s USING (customer_id)
              WHERE l.customer_id = $4),
            p AS (
              SELECT me.*, true AS is_customer, me.orders AS frequency, me.monetary + me.taken_back AS monetary_net,
                     coalesce({isNew}, false) AS is_new,
                     date_diff('day', timezone($1, me.last_sale_at::TIMESTAMPTZ)::DATE, $2::DATE) AS days_since_last_order,
                     {(hasPurchase ? "(SELECT arg_max(probability, as_of) FROM purchase_predictions WHERE customer_id = $4 AND as_of <= $2)" : "NULL::DOUBLE")} AS purchase_probability,
                     {(hasPurchase ? "(SELECT arg_max(band, as_of) FROM purchase_predictions WHERE customer_id = $4 AND as_of <= $2)" : "NULL::INTEGER")} AS probability_band,
                     {(hasClv ? "(SELECT arg_max(clv, as_of) FROM clv_predictions WHERE customer_id = $4 AND as_of < $2)" : "NULL::DOUBLE")} AS clv,
                     c.country, c.email, c.phone,
                     coalesce(c.consent_email, false) AS consent_email, coalesce(c.consent_sms, false) AS consent_sms
              FROM me LEFT JOIN (SELECT * FROM customers WHERE customer_id = $4 LIMIT 1) c ON true)
            SELECT p.*, CASE WHEN p.r_score IS NOT NULL THEN {caseSql.Sql} END AS segment_id FROM p
            """, [timeZone, asOf.ToDateTime(TimeOnly.MinValue), asOfUtc, customerId, .. caseSql.Parameters], cancellationToken).ConfigureAwait(false);
        return table.Rows.Count == 0 ? null : table.ToDictionaries()[0];
    }

    private static async Task<bool> TableExistsAsync(IAnalyticsEngine engine, string name, CancellationToken cancellationToken) =>
        await engine.ScalarAsync<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = $1 AND NOT temporary", [name], cancellationToken).ConfigureAwait(false) > 0;
}
