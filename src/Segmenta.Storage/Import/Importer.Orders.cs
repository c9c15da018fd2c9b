using System.Globalization;

namespace Segmenta.Storage.Import;

public sealed partial class Importer
{
    private async Task<Dictionary<string, double>> ImportOrdersAsync(ImportContext context, CancellationToken ct)
    {
        var plan = context.Plan;
        var id = context.ImportId;
        var maxQuantity = _settings.OutlierMaxQuantity.ToString(CultureInfo.InvariantCulture);
        var maxPrice = _settings.OutlierMaxUnitPrice.ToString(CultureInfo.InvariantCulture);
        var orderLevel = !plan.Fields.ContainsKey("product_id");
        // One pass: type and check every row; the duplicate rules use an aggregate (per order id, its
        // first row and the first customer named for it) rather than window + update, ten times slower
        // at 10 M rows. Only the columns later steps use are materialised.
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE checked AS
            WITH firsts AS (
              SELECT order_id, min(row_no) AS first_row,
                     arg_min(customer_id, row_no) FILTER (WHERE customer_id IS NOT NULL) AS first_customer
              FROM staged WHERE order_id IS NOT NULL GROUP BY order_id),
            stored AS (SELECT DISTINCT order_id FROM orders)
            SELECT t.row_no, t.line_no, t.kind, t.order_id, t.customer_id, t.product_id, t.description, t.category,
              t.coupon_code, t.campaign_id, t.channel, t.country, t.t_time, t.t_quantity, t.t_price, t.t_status, t.t_line_amount,
              coalesce(t.base_problem, CASE
                WHEN st.order_id IS NOT NULL THEN {Problem("order_id", "duplicate_order", "'order ' || t.order_id || ' was already imported'")}
                WHEN f.first_customer IS DISTINCT FROM t.customer_id OR ({Bool(orderLevel)} AND f.first_row <> t.row_no)
                  THEN {Problem("order_id", "duplicate_order",
                    "'order ' || t.order_id || ' already appears in row ' || f.first_row || CASE WHEN f.first_customer IS DISTINCT FROM t.customer_id THEN ' for another customer' ELSE '' END")}
              END) AS problem,
              -- flags as bits (1 zero_price, 2 outlier_quantity, 4 outlier_price, 8 no_customer): orders OR them cheaply
              (CASE WHEN t.t_price = 0 OR t.t_amount = 0 THEN 1 ELSE 0 END
               | CASE WHEN abs(t.t_quantity) > {maxQuantity} THEN 2 ELSE 0 END
               | CASE WHEN t.t_price > {maxPrice} THEN 4 ELSE 0 END
               | CASE WHEN t.customer_id IS NULL THEN 8 ELSE 0 END) AS t_flag_bits
            FROM (
              SELECT s.*,
                {UtcTime(plan, "s.ordered_at")} AS t_time,
                try_cast(s.quantity AS DOUBLE) AS t_quantity,
                try_cast(s.unit_price AS DOUBLE) AS t_price,
                try_cast(s.amount AS DOUBLE) AS t_amount,
                lower(coalesce(s.status, 'placed')) AS t_status,
                coalesce(t_amount, coalesce(t_quantity, 1) * t_price) AS t_line_amount,
                CASE
                  WHEN s.malformed THEN {Problem("row", "malformed_row", "'the row does not have the expected fields'")}
                  WHEN s.order_id IS NULL THEN {Problem("order_id", "missing", "'order_id is empty'")}
                  WHEN s.customer_id IS NULL AND NOT {Bool(plan.AllowGuest)} THEN {Problem("customer_id", "missing", "'customer_id is empty'")}
                  WHEN s.ordered_at IS NULL AND {Bool(plan.RequireTime)} THEN {Problem("ordered_at", "missing", "'ordered_at is empty'")}
                  WHEN s.ordered_at IS NOT NULL AND t_time IS NULL THEN {Problem("ordered_at", "bad_date", "'''' || s.ordered_at || ''' is not a date/time'")}
                  WHEN s.quantity IS NOT NULL AND t_quantity IS NULL THEN {Problem("quantity", "bad_number", "'''' || s.quantity || ''' is not a number'")}
                  WHEN s.unit_price IS NOT NULL AND t_price IS NULL THEN {Problem("unit_price", "bad_number", "'''' || s.unit_price || ''' is not a number'")}
                  WHEN s.amount IS NOT NULL AND t_amount IS NULL THEN {Problem("amount", "bad_number", "'''' || s.amount || ''' is not a number'")}
                  WHEN {Bool(plan.RequirePrice)} AND t_price IS NULL AND t_amount IS NULL THEN {Problem("unit_price", "missing", "'neither unit_price nor amount is given'")}
                  WHEN t_status NOT IN ('placed', 'cancelled', 'refunded') THEN {Problem("status", "unknown_status", "'status ''' || s.status || ''' is not placed, cancelled or refunded'")}
                  WHEN s.kind = 'adjustment' THEN {Problem("order_id", "adjustment", "'invoice ' || s.order_id || ' is a bad-debt adjustment, not a sale'")}
                  WHEN s.kind = 'sale' AND t_quantity < 0 THEN {Problem("quantity", "negative_quantity", "'quantity ' || s.quantity || ' is negative on a sale (only cancellations may be negative)'")}
                  WHEN t_price < 0 THEN {Problem("unit_price", "negative_price", "'unit price ' || s.unit_price || ' is negative'")}
                  WHEN s.kind = 'sale' AND t_amount < 0 THEN {Problem("amount", "negative_amount", "'amount ' || s.amount || ' is negative on a sale'")}
                END AS base_problem
              FROM staged s) t
            LEFT JOIN firsts f ON f.order_id = t.order_id
            LEFT JOIN stored st ON st.order_id = t.order_id
            """, null, ct).ConfigureAwait(false);

        await QuarantineAsync(context, "checked", ct).ConfigureAwait(false);
        await LinkCancellationsAsync(ct).ConfigureAwait(false);

        await _engine.ExecuteAsync($"""
            INSERT INTO order_lines
            SELECT order_id, line_no, customer_id, t_time, kind, t_status, product_id, description, category,
                   coalesce(t_quantity, 1), t_price, t_line_amount, links.sale_order_id, {FlagText("t_flag_bits")}, {id}
            FROM checked LEFT JOIN links USING (row_no, line_no)
            WHERE problem IS NULL
            """, null, ct).ConfigureAwait(false);
        await _engine.ExecuteAsync($"""
            INSERT INTO orders
            SELECT order_id, any_value(customer_id), min(t_time), any_value(kind), any_value(t_status),
                   any_value(coupon_code), any_value(campaign_id), any_value(channel), any_value(country),
                   count(*), sum(coalesce(t_quantity, 1)), sum(t_line_amount), {FlagText("bit_or(t_flag_bits)")}, {id}
            FROM checked WHERE problem IS NULL
            GROUP BY order_id
            """, null, ct).ConfigureAwait(false);
        await _engine.ExecuteAsync($"""
            INSERT INTO customers (customer_id, country, import_id)
            SELECT n.customer_id, n.country, {id}
            FROM (SELECT customer_id, any_value(country) AS country FROM checked WHERE problem IS NULL AND customer_id IS NOT NULL GROUP BY customer_id) n
            ANTI JOIN customers c ON c.customer_id = n.customer_id;
            """, null, ct).ConfigureAwait(false);

        return await FactsAsync("""
            SELECT
              count(DISTINCT order_id) AS orders_read,
              count(DISTINCT order_id) FILTER (WHERE kind = 'cancellation') AS cancellation_orders_read,
              count(*) FILTER (WHERE kind = 'cancellation') AS cancellation_rows_read,
              count(DISTINCT order_id) FILTER (WHERE kind = 'adjustment') AS adjustment_orders_read,
              count(DISTINCT customer_id) AS customers_read,
              count(*) FILTER (WHERE customer_id IS NULL) AS rows_without_customer_read,
              count(DISTINCT order_id) FILTER (WHERE problem IS NULL) AS orders,
              count(DISTINCT order_id) FILTER (WHERE problem IS NULL AND kind = 'cancellation') AS cancellation_orders,
              count(*) FILTER (WHERE problem IS NULL AND kind = 'cancellation') AS cancellation_lines,
              (SELECT count(*) FROM links) AS cancellation_lines_linked,
              count(DISTINCT customer_id) FILTER (WHERE problem IS NULL) AS customers,
              count(*) FILTER (WHERE problem IS NULL AND customer_id IS NULL) AS lines_without_customer,
              count(*) FILTER (WHERE problem IS NULL) AS lines,
              count(DISTINCT product_id) FILTER (WHERE problem IS NULL) AS products,
              coalesce(sum(coalesce(t_quantity, 1)) FILTER (WHERE problem IS NULL AND kind = 'sale'), 0) AS items,
              coalesce(sum(t_line_amount) FILTER (WHERE problem IS NULL AND kind = 'sale'), 0) AS gross_revenue,
              coalesce(sum(t_line_amount) FILTER (WHERE problem IS NULL AND ((kind = 'sale' AND t_status = 'placed') OR kind = 'cancellation')), 0) AS net_revenue
            FROM checked
            """, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Links each accepted cancellation line to the customer's latest earlier sale of the same
    /// product — stored or in this file — before anything is inserted (an equi-join on customer and
    /// product keeping the latest earlier sale: much faster here than DuckDB's ASOF join); unlinked
    /// ones cancel sales from before the data starts.
    /// </summary>
    private async Task LinkCancellationsAsync(CancellationToken ct)
    {
        await _engine.ExecuteAsync("""
            CREATE OR REPLACE TEMP TABLE links AS
            WITH c AS (SELECT row_no, line_no, customer_id, product_id, t_time FROM checked
                       WHERE problem IS NULL AND kind = 'cancellation' AND customer_id IS NOT NULL AND product_id IS NOT NULL)
            SELECT c.row_no, c.line_no, arg_max(s.order_id, s.ordered_at) AS sale_order_id
            FROM c
            JOIN (SELECT order_id, customer_id, product_id, ordered_at FROM order_lines
                  WHERE kind = 'sale' AND customer_id IN (SELECT customer_id FROM c)
                  UNION ALL
                  SELECT order_id, customer_id, product_id, t_time FROM checked
                  WHERE problem IS NULL AND kind = 'sale' AND customer_id IN (SELECT customer_id FROM c)) s
              ON c.customer_id = s.customer_id AND c.product_id = s.product_id AND s.ordered_at <= c.t_time
            GROUP BY c.row_no, c.line_no
            """, null, ct).ConfigureAwait(false);
    }

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>The comma-separated flag names (docs/quality.md#flags) of a flag-bits expression, NULL for none.</summary>
    private static string FlagText(string bits) => $"""
        nullif(concat_ws(',',
          CASE WHEN ({bits}) & 1 <> 0 THEN 'zero_price' END,
          CASE WHEN ({bits}) & 2 <> 0 THEN 'outlier_quantity' END,
          CASE WHEN ({bits}) & 4 <> 0 THEN 'outlier_price' END,
          CASE WHEN ({bits}) & 8 <> 0 THEN 'no_customer' END), '')
        """;
}
