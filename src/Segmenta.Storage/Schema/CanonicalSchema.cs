namespace Segmenta.Storage.Schema;

/// <summary>
/// The canonical tables every importer writes and every analysis reads. Timestamps are UTC
/// (TIMESTAMP without zone); money is in the shop's currency. No primary-key indexes: uniqueness
/// is enforced set-wise by the importers (anti-joins), which keeps bulk loads fast.
/// </summary>
public static class CanonicalSchema
{
    /// <summary>Schema version written to <c>schema_info</c>; bump when a table changes shape.</summary>
    public const int Version = 1;

    /// <summary>The DDL, idempotent.</summary>
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS schema_info (version INTEGER);
        CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1;
        CREATE TABLE IF NOT EXISTS import_log (
            import_id INTEGER, kind VARCHAR, source_file VARCHAR, format VARCHAR,
            started_at TIMESTAMP, finished_at TIMESTAMP,
            rows_read BIGINT, rows_accepted BIGINT, rows_quarantined BIGINT, report_json VARCHAR);
        CREATE TABLE IF NOT EXISTS quarantine (
            import_id INTEGER, kind VARCHAR, source_file VARCHAR, row_number BIGINT, field VARCHAR,
            reason VARCHAR, detail VARCHAR, customer_id VARCHAR, raw_row VARCHAR);
        CREATE TABLE IF NOT EXISTS customers (
            customer_id VARCHAR, email VARCHAR, phone VARCHAR, signup_at TIMESTAMP, gender VARCHAR,
            age_group VARCHAR, country VARCHAR, region VARCHAR, channel VARCHAR,
            consent_email BOOLEAN, consent_sms BOOLEAN, consent_push BOOLEAN, import_id INTEGER);
        CREATE TABLE IF NOT EXISTS products (
            product_id VARCHAR, name VARCHAR, category VARCHAR, brand VARCHAR, price DOUBLE, import_id INTEGER);
        CREATE TABLE IF NOT EXISTS orders (
            order_id VARCHAR, customer_id VARCHAR, ordered_at TIMESTAMP, kind VARCHAR, status VARCHAR,
            coupon_code VARCHAR, campaign_id VARCHAR, channel VARCHAR, country VARCHAR,
            lines INTEGER, items DOUBLE, amount DOUBLE, flags VARCHAR, import_id INTEGER);
        CREATE TABLE IF NOT EXISTS order_lines (
            order_id VARCHAR, line_number BIGINT, customer_id VARCHAR, ordered_at TIMESTAMP, kind VARCHAR,
            status VARCHAR, product_id VARCHAR, description VARCHAR, category VARCHAR, quantity DOUBLE,
            unit_price DOUBLE, amount DOUBLE, linked_order_id VARCHAR, flags VARCHAR, import_id INTEGER);
        CREATE TABLE IF NOT EXISTS events (
            event_id VARCHAR, customer_id VARCHAR, anonymous_id VARCHAR, event_type VARCHAR,
            occurred_at TIMESTAMP, session_id VARCHAR, page_url VARCHAR, referrer VARCHAR, device VARCHAR,
            channel VARCHAR, campaign VARCHAR, product_id VARCHAR, category VARCHAR, value DOUBLE,
            order_id VARCHAR, import_id INTEGER);
        CREATE TABLE IF NOT EXISTS identities (anonymous_id VARCHAR, customer_id VARCHAR, first_seen TIMESTAMP);
        CREATE TABLE IF NOT EXISTS sessions (
            session_id VARCHAR, actor_id VARCHAR, customer_id VARCHAR, anonymous_id VARCHAR,
            started_at TIMESTAMP, ended_at TIMESTAMP, events BIGINT, page_views BIGINT, product_views BIGINT,
            cart_adds BIGINT, checkouts BIGINT, purchases BIGINT, device VARCHAR, channel VARCHAR);
        """;

    /// <summary>Creates missing tables and checks the stored schema version.</summary>
    public static async Task EnsureAsync(IAnalyticsEngine engine, CancellationToken cancellationToken)
    {
        await engine.ExecuteAsync(Ddl, null, cancellationToken).ConfigureAwait(false);
        var version = await engine.ScalarAsync<int?>("SELECT max(version) FROM schema_info", null, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            await engine.ExecuteAsync($"INSERT INTO schema_info VALUES ({Version})", null, cancellationToken).ConfigureAwait(false);
        }
        else if (version.Value != Version)
        {
            throw new Core.SegmentaInputException(
                $"the workspace database has schema version {version.Value}, this segmenta expects {Version}: re-create the workspace with `segmenta init` and import again");
        }
    }
}
