namespace Segmenta.Storage.Quality;

/// <summary>Builds the <see cref="QualityReport"/> with set-based queries over the canonical tables.</summary>
public static class QualityAnalyzer
{
    /// <summary>Reads the report from <paramref name="engine"/>.</summary>
    public static async Task<QualityReport> AnalyzeAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default)
    {
        var imports = await ImportsAsync(engine, cancellationToken).ConfigureAwait(false);
        var quarantine = await QuarantineAsync(engine, cancellationToken).ConfigureAwait(false);
        var flags = await engine.QueryAsync("""
            SELECT flag, count(*) AS n FROM (SELECT unnest(string_split(flags, ',')) AS flag FROM order_lines WHERE flags IS NOT NULL)
            GROUP BY flag ORDER BY flag
            """, null, cancellationToken).ConfigureAwait(false);
        var stored = await engine.QueryAsync("""
            SELECT
              (SELECT count(*) FROM order_lines) AS order_lines,
              (SELECT count(*) FROM orders WHERE kind = 'sale') AS sale_orders,
              (SELECT count(*) FROM orders WHERE kind = 'sale' AND status <> 'placed') AS sale_orders_cancelled_or_refunded,
              (SELECT count(*) FROM orders WHERE kind = 'cancellation') AS cancellation_documents,
              (SELECT count(*) FROM order_lines WHERE kind = 'cancellation') AS cancellation_lines,
              (SELECT count(*) FROM order_lines WHERE kind = 'cancellation' AND linked_order_id IS NOT NULL) AS cancellation_lines_linked,
              (SELECT count(*) FROM order_lines WHERE customer_id IS NULL) AS lines_without_customer,
              (SELECT count(DISTINCT customer_id) FROM orders WHERE customer_id IS NOT NULL) AS customers_with_orders,
              (SELECT strftime(min(ordered_at), '%Y-%m-%d %H:%M:%S') FROM orders) AS first_order_utc,
              (SELECT strftime(max(ordered_at), '%Y-%m-%d %H:%M:%S') FROM orders) AS last_order_utc,
              (SELECT round(coalesce(sum(amount), 0), 2) FROM order_lines WHERE kind = 'sale') AS gross_revenue,
              (SELECT round(coalesce(sum(amount), 0), 2) FROM order_lines WHERE (kind = 'sale' AND status = 'placed') OR kind = 'cancellation') AS net_revenue,
              (SELECT count(*) FROM events) AS events,
              (SELECT count(*) FROM sessions) AS sessions,
              (SELECT count(DISTINCT actor_id) FROM sessions) AS visitors,
              (SELECT count(DISTINCT actor_id) FROM sessions WHERE customer_id IS NULL) AS anonymous_visitors,
              (SELECT count(DISTINCT anonymous_id) FROM identities) AS identified_anonymous_ids,
              (SELECT strftime(min(occurred_at), '%Y-%m-%d %H:%M:%S') FROM events) AS first_event_utc,
              (SELECT strftime(max(occurred_at), '%Y-%m-%d %H:%M:%S') FROM events) AS last_event_utc,
              (SELECT count(*) FROM customers) AS customers,
              (SELECT count(*) FROM customers WHERE consent_email) AS customers_email_consent,
              (SELECT count(*) FROM customers WHERE consent_sms) AS customers_sms_consent,
              (SELECT count(*) FROM customers WHERE email LIKE 'sha256:%' OR phone LIKE 'sha256:%') AS customers_pseudonymised,
              (SELECT count(*) FROM products) AS products
            """, null, cancellationToken).ConfigureAwait(false);
        return new QualityReport
        {
            Imports = imports,
            Quarantine = quarantine,
            Flags = flags.Rows.ToDictionary(r => (string)r[0]!, r => ResultTable.Convert<long>(r[1])),
            Stored = stored.ToDictionaries()[0],
            AllImportsBalanced = imports.All(r => r["balanced"] is true),
        };
    }

    /// <summary>One row per import: what it read, accepted and quarantined (the workspace's import log).</summary>
    internal static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ImportsAsync(IAnalyticsEngine engine, CancellationToken cancellationToken) =>
        (await engine.QueryAsync("""
            SELECT import_id, kind, source_file AS file, format, rows_read, rows_accepted, rows_quarantined,
                   rows_read = rows_accepted + rows_quarantined AS balanced
            FROM import_log ORDER BY import_id
            """, null, cancellationToken).ConfigureAwait(false)).ToDictionaries();

    /// <summary>Quarantined rows per kind and reason.</summary>
    internal static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QuarantineAsync(IAnalyticsEngine engine, CancellationToken cancellationToken) =>
        (await engine.QueryAsync("""
            SELECT kind, reason, count(*) AS rows, any_value(field) AS field
            FROM quarantine GROUP BY kind, reason ORDER BY kind, rows DESC
            """, null, cancellationToken).ConfigureAwait(false)).ToDictionaries();
}
