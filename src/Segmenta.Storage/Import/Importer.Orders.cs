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
        // Pass 1: type and check every row once (typed values in an inner projection, so each cast runs
        // once per row). Only the columns later steps use are materialised.
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE checked AS
            SELECT t.row_no, t.line_no, t.kind, t.order_id, t.customer_id, t.product_id, t.description, t.category,
              t.coupon_code, t.campaign_id, t.channel, t.country, t.t_time, t.t_quantity, t.t_price, t.t_status, t.t_line_amount,
              CASE
                WHEN t.malformed THEN {Problem("row", "malformed_row", "'the row does not have the expected fields'")}
                WHEN t.order_id IS NULL THEN {Problem("order_id", "missing", "'order_id is empty'")}
                WHEN t.customer_id IS NULL AND NOT {Bool(plan.AllowGuest)} THEN {Problem("customer_id", "missing", "'customer_id is empty'")}
                WHEN t.ordered_at IS NULL AND {Bool(plan.RequireTime)} THEN {Problem("ordered_at", "missing", "'ordered_at is empty'")}
                WHEN t.ordered_at IS NOT NULL AND t.t_time IS NULL THEN {Problem("ordered_at", "bad_date", "'''' || t.ordered_at || ''' is not a date/time'")}
                WHEN t.quantity IS NOT NULL AND t.t_quantity IS NULL THEN {Problem("quantity", "bad_number", "'''' || t.quantity || ''' is not a number'")}
                WHEN t.unit_price IS NOT NULL AND t.t_price IS NULL THEN {Problem("unit_price", "bad_number", "'''' || t.unit_price || ''' is not a number'")}
                WHEN t.amount IS NOT NULL AND t.t_amount IS NULL THEN {Problem("amount", "bad_number", "'''' || t.amount || ''' is not a number'")}
                WHEN {Bool(plan.RequirePrice)} AND t.t_price IS NULL AND t.t_amount IS NULL THEN {Problem("unit_price", "missing", "'neither unit_price nor amount is given'")}
                WHEN t.t_status NOT IN ('placed', 'cancelled', 'refunded') THEN {Problem("status", "unknown_status", "'status ''' || t.status || ''' is not placed, cancelled or refunded'")}
                WHEN t.kind = 'adjustment' THEN {Problem("order_id", "adjustment", "'invoice ' || t.order_id || ' is a bad-debt adjustment, not a sale'")}
                WHEN t.kind = 'sale' AND t.t_quantity < 0 THEN {Problem("quantity", "negative_quantity", "'quantity ' || t.quantity || ' is negative on a sale (only cancellations may be negative)'")}
                WHEN t.t_price < 0 THEN {Problem("unit_price", "negative_price", "'unit price ' || t.unit_price || ' is negative'")}
                WHEN t.kind = 'sale' AND t.t_amount < 0 THEN {Problem("amount", "negative_amount", "'amount ' || t.amount || ' is negative on a sale'")}
              END AS base_problem,
              -- flags as bits (1 zero_price, 2 outlier_quantity, 4 outlier_price, 8 no_customer): orders OR them cheaply
              (CASE WHEN t.t_price = 0 OR t.t_amount = 0 THEN 1 ELSE 0 END
               | CASE WHEN abs(t.t_quantity) > {maxQuantity} THEN 2 ELSE 0 END
               | CASE WHEN t.t_price > {maxPrice} THEN 4 ELSE 0 END
               | CASE WHEN t.customer_id IS NULL THEN 8 ELSE 0 END) AS t_flag_bits
            FROM (
              SELECT v.*, lower(coalesce(v.status, 'placed')) AS t_status,
                coalesce(v.t_amount, coalesce(v.t_quantity, 1) * v.t_price) AS t_line_amount
              FROM (
                SELECT s.*,
                  {UtcTime(plan, "s.ordered_at")} AS t_time,
                  try_cast(s.quantity AS DOUBLE) AS t_quantity,
                  try_cast(s.unit_price AS DOUBLE) AS t_price,
                  try_cast(s.amount AS DOUBLE) AS t_amount
                FROM staged s) v) t
            """, null, ct).ConfigureAwait(false);

        // Pass 2, one aggregate per order id over every row read, without filters (each FILTER costs a
        // pass of its own). An order is clean when its rows all name one customer (or none), none has a
        // problem of its own and the id is not stored yet: then every row is accepted, none is a
        // duplicate, and its group already is the order row. The other orders ("suspects") are few and
        // only their rows are looked at one by one, as the duplicate rule (docs/quality.md) says.
        var consistent = orderLevel
            ? "g.n_rows = 1"
            : "g.n_customer_rows = 0 OR (g.n_customer_rows = g.n_rows AND g.min_customer = g.max_customer)";
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE order_groups AS
            SELECT order_id, count(*) AS n_rows, count(customer_id) AS n_customer_rows, count(base_problem) AS n_problems,
                   min(customer_id) AS min_customer, max(customer_id) AS max_customer,
                   min(t_time) AS ordered_at, any_value(kind) AS kind, any_value(t_status) AS status,
                   any_value(coupon_code) AS coupon_code, any_value(campaign_id) AS campaign_id,
                   any_value(channel) AS channel, any_value(country) AS country,
                   sum(coalesce(t_quantity, 1)) AS items, sum(t_line_amount) AS amount, bit_or(t_flag_bits) AS flag_bits
            FROM checked GROUP BY order_id;
            CREATE OR REPLACE TEMP TABLE suspect_orders AS
            SELECT g.order_id, st.order_id IS NOT NULL AS stored
            FROM order_groups g LEFT JOIN (SELECT DISTINCT order_id FROM orders) st ON st.order_id = g.order_id
            WHERE g.order_id IS NOT NULL AND (g.n_problems > 0 OR st.order_id IS NOT NULL OR NOT ({consistent}));
            CREATE OR REPLACE TEMP TABLE duplicates AS
            WITH firsts AS (
              SELECT order_id, min(row_no) AS first_row,
                     arg_min(customer_id, row_no) FILTER (WHERE customer_id IS NOT NULL) AS first_customer
              FROM checked SEMI JOIN suspect_orders USING (order_id) GROUP BY order_id)
            SELECT c.row_no, c.line_no, CASE
                WHEN s.stored THEN {Problem("order_id", "duplicate_order", "'order ' || c.order_id || ' was already imported'")}
                ELSE {Problem("order_id", "duplicate_order",
                  "'order ' || c.order_id || ' already appears in row ' || f.first_row || CASE WHEN f.first_customer IS DISTINCT FROM c.customer_id THEN ' for another customer' ELSE '' END")}
              END AS problem
            FROM checked c JOIN suspect_orders s USING (order_id) JOIN firsts f USING (order_id)
            WHERE c.base_problem IS NULL
              AND (s.stored OR f.first_customer IS DISTINCT FROM c.customer_id OR ({Bool(orderLevel)} AND f.first_row <> c.row_no));
            CREATE OR REPLACE TEMP VIEW verdicts AS
            SELECT c.row_no, c.line_no, c.customer_id, coalesce(c.base_problem, d.problem) AS problem
            FROM checked c LEFT JOIN duplicates d USING (row_no, line_no);
            CREATE OR REPLACE TEMP VIEW accepted AS
            SELECT c.* FROM checked c ANTI JOIN duplicates d USING (row_no, line_no) WHERE c.base_problem IS NULL;
            """, null, ct).ConfigureAwait(false);

        await QuarantineAsync(context, "verdicts", ct).ConfigureAwait(false);
        await LinkCancellationsAsync(ct).ConfigureAwait(false);

        await _engine.ExecuteAsync($"""
            INSERT INTO order_lines
            SELECT order_id, line_no, customer_id, t_time, kind, t_status, product_id, description, category,
                   coalesce(t_quantity, 1), t_price, t_line_amount, links.sale_order_id, {FlagText("t_flag_bits")}, {id}
            FROM accepted LEFT JOIN links USING (row_no, line_no)
            """, null, ct).ConfigureAwait(false);
        // Orders without suspects come straight from their group; suspect ones are re-aggregated from their accepted lines.
        await _engine.ExecuteAsync($"""
            INSERT INTO orders
            SELECT order_id, min_customer, ordered_at, kind, status, coupon_code, campaign_id, channel, country,
                   n_rows, items, amount, {FlagText("flag_bits")}, {id}
            FROM order_groups ANTI JOIN suspect_orders USING (order_id)
            WHERE order_id IS NOT NULL;
            INSERT INTO orders
            SELECT order_id, any_value(customer_id), min(t_time), any_value(kind), any_value(t_status),
                   any_value(coupon_code), any_value(campaign_id), any_value(channel), any_value(country),
                   count(*), sum(coalesce(t_quantity, 1)), sum(t_line_amount), {FlagText("bit_or(t_flag_bits)")}, {id}
            FROM accepted SEMI JOIN suspect_orders USING (order_id)
            GROUP BY order_id;
            """, null, ct).ConfigureAwait(false);
        // One aggregate per customer over every row read: the read count and the accepted customers.
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE customer_groups AS
            SELECT customer_id, bool_or(accepted) AS accepted, any_value(country) FILTER (WHERE accepted) AS country
            FROM (SELECT c.customer_id, c.country, c.base_problem IS NULL AND d.row_no IS NULL AS accepted
                  FROM checked c LEFT JOIN duplicates d USING (row_no, line_no))
            WHERE customer_id IS NOT NULL
            GROUP BY customer_id;
            INSERT INTO customers (customer_id, country, import_id)
            SELECT n.customer_id, n.country, {id}
            FROM customer_groups n ANTI JOIN customers c ON c.customer_id = n.customer_id
            WHERE n.accepted;
            """, null, ct).ConfigureAwait(false);

        // The report's counts come from the aggregates above and one pass over the accepted lines.
        return await FactsAsync($"""
            SELECT g.*, c.*, o.*, l.*, (SELECT count(*) FROM links) AS cancellation_lines_linked
            FROM (SELECT count(order_id) AS orders_read,
                         -- kind follows from the order id (invoice prefix), so it is one per group
                         count(order_id) FILTER (WHERE kind = 'cancellation') AS cancellation_orders_read,
                         coalesce(sum(n_rows) FILTER (WHERE kind = 'cancellation'), 0) AS cancellation_rows_read,
                         count(order_id) FILTER (WHERE kind = 'adjustment') AS adjustment_orders_read,
                         coalesce(sum(n_rows - n_customer_rows), 0) AS rows_without_customer_read
                  FROM order_groups) g,
                 (SELECT count(*) AS customers_read, count(*) FILTER (WHERE accepted) AS customers FROM customer_groups) c,
                 (SELECT count(*) AS orders, count(*) FILTER (WHERE kind = 'cancellation') AS cancellation_orders
                  FROM orders WHERE import_id = {id}) o,
                 (SELECT count(*) FILTER (WHERE kind = 'cancellation') AS cancellation_lines,
                         count(*) FILTER (WHERE customer_id IS NULL) AS lines_without_customer,
                         count(*) AS lines,
                         count(DISTINCT product_id) AS products,
                         coalesce(sum(coalesce(t_quantity, 1)) FILTER (WHERE kind = 'sale'), 0) AS items,
                         coalesce(sum(t_line_amount) FILTER (WHERE kind = 'sale'), 0) AS gross_revenue,
                         coalesce(sum(t_line_amount) FILTER (WHERE (kind = 'sale' AND t_status = 'placed') OR kind = 'cancellation'), 0) AS net_revenue
                  FROM accepted) l
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
            WITH c AS (SELECT row_no, line_no, customer_id, product_id, t_time FROM accepted
                       WHERE kind = 'cancellation' AND customer_id IS NOT NULL AND product_id IS NOT NULL)
            SELECT c.row_no, c.line_no, arg_max(s.order_id, s.ordered_at) AS sale_order_id
            FROM c
            JOIN (SELECT order_id, customer_id, product_id, ordered_at FROM order_lines
                  WHERE kind = 'sale' AND customer_id IN (SELECT customer_id FROM c)
                  UNION ALL
                  SELECT order_id, customer_id, product_id, t_time FROM accepted
                  WHERE kind = 'sale' AND customer_id IN (SELECT customer_id FROM c)) s
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
