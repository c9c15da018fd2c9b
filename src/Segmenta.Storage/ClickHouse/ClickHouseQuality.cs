using Segmenta.Storage.DuckDb;
using Segmenta.Storage.Quality;

namespace Segmenta.Storage.ClickHouse;

/// <summary>
/// The data-quality report (docs/quality.md) with its figures over the shipped tables computed inside
/// ClickHouse: the flags on order lines and every stored count over orders, order lines, events,
/// sessions and customers (the same names, order and definitions as <see cref="QualityAnalyzer"/>).
/// Import happens in the workspace, so what each import read, accepted and quarantined, and the two
/// tables that are not shipped (identities, products), are read from the workspace.
/// </summary>
public static class ClickHouseQuality
{
    /// <summary>Builds the report: import log, quarantine, identities and products from <paramref name="workspace"/>, the rest from <paramref name="cluster"/>.</summary>
    public static async Task<QualityReport> AnalyzeAsync(DuckDbEngine workspace, ClickHouseEngine cluster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(cluster);
        var imports = await QualityAnalyzer.ImportsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var quarantine = await QualityAnalyzer.QuarantineAsync(workspace, cancellationToken).ConfigureAwait(false);
        var flags = await cluster.QueryAsync("""
            SELECT flag, count() AS n FROM order_lines ARRAY JOIN splitByChar(',', assumeNotNull(flags)) AS flag
            WHERE flags IS NOT NULL GROUP BY flag ORDER BY flag
            """, null, cancellationToken).ConfigureAwait(false);
        return new QualityReport
        {
            Imports = imports,
            Quarantine = quarantine,
            Flags = flags.Rows.ToDictionary(r => (string)r[0]!, r => ResultTable.Convert<long>(r[1])),
            Stored = await StoredAsync(workspace, cluster, cancellationToken).ConfigureAwait(false),
            AllImportsBalanced = imports.All(r => r["balanced"] is true),
        };
    }

    /// <summary>The report's stored counts, in <see cref="QualityAnalyzer"/>'s order; one pass per shipped table.</summary>
    public static async Task<IReadOnlyDictionary<string, object?>> StoredAsync(DuckDbEngine workspace, ClickHouseEngine cluster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(cluster);
        // 18.16 has no three-valued OR (NULL OR 1 is NULL), and counts over Nullable values come back NULL
        // from an empty table where SQL says 0: conditions are made non-nullable with ifNull.
        var lines = await cluster.QueryAsync("""
            SELECT count() AS order_lines,
                   countIf(ifNull(kind = 'cancellation', 0)) AS cancellation_lines,
                   countIf(ifNull(kind = 'cancellation', 0) AND linked_order_id IS NOT NULL) AS cancellation_lines_linked,
                   countIf(customer_id IS NULL) AS lines_without_customer,
                   round(ifNull(sumIf(amount, kind = 'sale'), 0), 2) AS gross_revenue,
                   round(ifNull(sumIf(amount, (ifNull(kind, '') = 'sale' AND ifNull(status, '') = 'placed') OR ifNull(kind, '') = 'cancellation'), 0), 2) AS net_revenue
            FROM order_lines
            """, null, cancellationToken).ConfigureAwait(false);
        var orders = await cluster.QueryAsync("""
            SELECT countIf(ifNull(kind = 'sale', 0)) AS sale_orders,
                   countIf(ifNull(kind = 'sale' AND status != 'placed', 0)) AS sale_orders_cancelled_or_refunded,
                   countIf(ifNull(kind = 'cancellation', 0)) AS cancellation_documents,
                   ifNull(uniqExact(customer_id), 0) AS customers_with_orders,
                   toString(min(ordered_at)) AS first_order_utc,
                   toString(max(ordered_at)) AS last_order_utc
            FROM orders
            """, null, cancellationToken).ConfigureAwait(false);
        var events = await cluster.QueryAsync("""
            SELECT count() AS events, toString(min(occurred_at)) AS first_event_utc, toString(max(occurred_at)) AS last_event_utc FROM events
            """, null, cancellationToken).ConfigureAwait(false);
        var sessions = await cluster.QueryAsync("""
            SELECT count() AS sessions, ifNull(uniqExact(actor_id), 0) AS visitors, ifNull(uniqExactIf(actor_id, customer_id IS NULL), 0) AS anonymous_visitors FROM sessions
            """, null, cancellationToken).ConfigureAwait(false);
        var customers = await cluster.QueryAsync("""
            SELECT count() AS customers,
                   countIf(ifNull(consent_email, 0) = 1) AS customers_email_consent,
                   countIf(ifNull(consent_sms, 0) = 1) AS customers_sms_consent,
                   countIf(startsWith(ifNull(email, ''), 'sha256:') OR startsWith(ifNull(phone, ''), 'sha256:')) AS customers_pseudonymised
            FROM customers
            """, null, cancellationToken).ConfigureAwait(false);
        var figures = new[] { lines, orders, events, sessions, customers }
            .SelectMany(t => t.ToDictionaries()[0])
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        figures["identified_anonymous_ids"] = await workspace.ScalarAsync<long>("SELECT count(DISTINCT anonymous_id) FROM identities", null, cancellationToken).ConfigureAwait(false);
        figures["products"] = await workspace.ScalarAsync<long>("SELECT count(*) FROM products", null, cancellationToken).ConfigureAwait(false);
        return Order.ToDictionary(name => name, name => figures[name], StringComparer.Ordinal);
    }

    // The order of QualityAnalyzer's stored counts, so both engines print the same table.
    private static readonly string[] Order =
    [
        "order_lines", "sale_orders", "sale_orders_cancelled_or_refunded", "cancellation_documents", "cancellation_lines",
        "cancellation_lines_linked", "lines_without_customer", "customers_with_orders", "first_order_utc", "last_order_utc",
        "gross_revenue", "net_revenue", "events", "sessions", "visitors", "anonymous_visitors", "identified_anonymous_ids",
        "first_event_utc", "last_event_utc", "customers", "customers_email_consent", "customers_sms_consent",
        "customers_pseudonymised", "products",
    ];
}
