using System.Globalization;

namespace Segmenta.Storage.Import;

public sealed partial class Importer
{
    /// <summary>Text fields carried from an order line to <c>order_lines</c> and <c>orders</c> as they are.</summary>
    private static readonly string[] LineAttributes = ["kind", "product_id", "description", "category", "coupon_code", "campaign_id", "channel", "country"];

    /// <summary>Text fields an order takes from any of its lines (they are one per order id).</summary>
    private static readonly string[] OrderAttributes = ["kind", "coupon_code", "campaign_id", "channel", "country"];

    private async Task<Dictionary<string, double>> ImportOrdersAsync(ImportContext context, CancellationToken ct)
    {
        var plan = context.Plan;
        var id = context.ImportId;
        var maxQuantity = _settings.OutlierMaxQuantity.ToString(CultureInfo.InvariantCulture);
        var maxPrice = _settings.OutlierMaxUnitPrice.ToString(CultureInfo.InvariantCulture);
        var orderLevel = !plan.Fields.ContainsKey("product_id");
        // A field the file does not have is one constant on every row (NULL; kind 'sale', status
        // 'placed'): it is written as that constant instead of being carried, checked and aggregated,
        // and rules that read only absent fields, which can never fire, are left out.
        bool Has(string field) => plan.Fields.ContainsKey(field);
        var kind = Has("kind") ? "kind" : "'sale'";
        var tKind = Has("kind") ? "t.kind" : "'sale'";
        var status = Has("status") ? "t_status" : "'placed'";
        string Carried(string field) => Has(field) ? field : "NULL::VARCHAR";
        var carried = string.Concat(
            LineAttributes.Where(Has).Select(f => ", t." + f))
            + (Has("status") ? ", t.t_status" : "");
        var groupCarried = string.Concat(
            OrderAttributes.Where(Has).Select(f => $", any_value({f}) AS {f}"))
            + (Has("status") ? ", any_value(t_status) AS status" : "");
        static string AnyValue(string column) => column.StartsWith('\'') || column.StartsWith("NULL", StringComparison.Ordinal) ? column : $"any_value({column})";
        static string When(bool applies, string rule) => applies ? "\n    WHEN " + rule : "";
        var rules = string.Concat(
            When(true, $"t.malformed THEN {Problem("row", "malformed_row", "'the row does not have the expected fields'")}"),
            When(true, $"t.order_id IS NULL THEN {Problem("order_id", "missing", "'order_id is empty'")}"),
            When(!plan.AllowGuest, $"t.customer_id IS NULL THEN {Problem("customer_id", "missing", "'customer_id is empty'")}"),
            When(plan.RequireTime, $"t.ordered_at IS NULL THEN {Problem("ordered_at", "missing", "'ordered_at is empty'")}"),
            When(true, $"t.ordered_at IS NOT NULL AND t.t_time IS NULL THEN {Problem("ordered_at", "bad_date", "'''' || t.ordered_at || ''' is not a date/time'")}"),
            When(Has("quantity"), $"t.t_quantity IS NULL AND {NumberText("quantity")} IS NOT NULL THEN {Problem("quantity", "bad_number", $"'''' || {NumberText("quantity")} || ''' is not a number'")}"),
            When(Has("unit_price"), $"t.t_price IS NULL AND {NumberText("unit_price")} IS NOT NULL THEN {Problem("unit_price", "bad_number", $"'''' || {NumberText("unit_price")} || ''' is not a number'")}"),
            When(Has("amount"), $"t.t_amount IS NULL AND {NumberText("amount")} IS NOT NULL THEN {Problem("amount", "bad_number", $"'''' || {NumberText("amount")} || ''' is not a number'")}"),
            When(plan.RequirePrice, $"t.t_price IS NULL AND t.t_amount IS NULL THEN {Problem("unit_price", "missing", "'neither unit_price nor amount is given'")}"),
            When(Has("status"), $"t.t_status NOT IN ('placed', 'cancelled', 'refunded') THEN {Problem("status", "unknown_status", "'status ''' || t.status || ''' is not placed, cancelled or refunded'")}"),
            When(Has("kind"), $"t.kind = 'adjustment' THEN {Problem("order_id", "adjustment", "'invoice ' || t.order_id || ' is a bad-debt adjustment, not a sale'")}"),
            When(Has("quantity"), $"{tKind} = 'sale' AND t.t_quantity < 0 THEN {Problem("quantity", "negative_quantity", $"'quantity ' || {NumberText("quantity")} || ' is negative on a sale (only cancellations may be negative)'")}"),
            When(Has("unit_price"), $"t.t_price < 0 THEN {Problem("unit_price", "negative_price", $"'unit price ' || {NumberText("unit_price")} || ' is negative'")}"),
            When(Has("amount"), $"{tKind} = 'sale' AND t.t_amount < 0 THEN {Problem("amount", "negative_amount", $"'amount ' || {NumberText("amount")} || ' is negative on a sale'")}"));
        // flags as bits (1 zero_price, 2 outlier_quantity, 4 outlier_price, 8 no_customer): orders OR them cheaply
        var flagBits = string.Join(" | ", new[]
        {
            Has("unit_price") || Has("amount") ? "CASE WHEN t.t_price = 0 OR t.t_amount = 0 THEN 1 ELSE 0 END" : null,
            Has("quantity") ? $"CASE WHEN abs(t.t_quantity) > {maxQuantity} THEN 2 ELSE 0 END" : null,
            Has("unit_price") ? $"CASE WHEN t.t_price > {maxPrice} THEN 4 ELSE 0 END" : null,
            "CASE WHEN t.customer_id IS NULL THEN 8 ELSE 0 END",
        }.OfType<string>());
        // Pass 1: type and check every row once (typed values in an inner projection, so each cast runs
        // once per row). Only the columns later steps use are materialised.
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE checked AS
            SELECT t.row_no, t.line_no, t.order_id, t.customer_id{carried}, t.t_time, t.t_quantity, t.t_price, t.t_line_amount,
              CASE{rules}
              END AS base_problem,
              ({flagBits}) AS t_flag_bits
            FROM (
              SELECT v.*, {(Has("status") ? "lower(coalesce(v.status, 'placed'))" : "'placed'")} AS t_status,
                {(Has("amount") ? "coalesce(v.t_amount, coalesce(v.t_quantity, 1) * v.t_price)" : "coalesce(v.t_quantity, 1) * v.t_price")} AS t_line_amount
              FROM (
                SELECT s.*,
                  {UtcTime(plan, "s.ordered_at")} AS t_time,
                  {(Has("quantity") ? NumberValue("quantity") : "NULL::DOUBLE")} AS t_quantity,
                  {(Has("unit_price") ? NumberValue("unit_price") : "NULL::DOUBLE")} AS t_price,
                  {(Has("amount") ? NumberValue("amount") : "NULL::DOUBLE")} AS t_amount
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
                   min(t_time) AS ordered_at{groupCarried},
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
        // Without a kind or a product column there are no cancellation lines to link.
        await LinkCancellationsAsync(Has("kind") && Has("product_id"), ct).ConfigureAwait(false);

        await _engine.ExecuteAsync($"""
            INSERT INTO order_lines
            SELECT order_id, line_no, customer_id, t_time, {kind}, {status}, {Carried("product_id")}, {Carried("description")}, {Carried("category")},
                   coalesce(t_quantity, 1), t_price, t_line_amount, links.sale_order_id, {FlagText("t_flag_bits")}, {id}
            FROM accepted LEFT JOIN links USING (row_no, line_no)
            """, null, ct).ConfigureAwait(false);
        // Orders without suspects come straight from their group; suspect ones are re-aggregated from their accepted lines.
        await _engine.ExecuteAsync($"""
            INSERT INTO orders
            SELECT order_id, min_customer, ordered_at, {kind}, {(Has("status") ? "status" : "'placed'")}, {Carried("coupon_code")}, {Carried("campaign_id")}, {Carried("channel")}, {Carried("country")},
                   n_rows, items, amount, {FlagText("flag_bits")}, {id}
            FROM order_groups ANTI JOIN suspect_orders USING (order_id)
            WHERE order_id IS NOT NULL;
            INSERT INTO orders
            SELECT order_id, any_value(customer_id), min(t_time), {AnyValue(kind)}, {AnyValue(status)},
                   {AnyValue(Carried("coupon_code"))}, {AnyValue(Carried("campaign_id"))}, {AnyValue(Carried("channel"))}, {AnyValue(Carried("country"))},
                   count(*), sum(coalesce(t_quantity, 1)), sum(t_line_amount), {FlagText("bit_or(t_flag_bits)")}, {id}
            FROM accepted SEMI JOIN suspect_orders USING (order_id)
            GROUP BY order_id;
            """, null, ct).ConfigureAwait(false);
        // One aggregate per customer over every row read: the read count and the accepted customers.
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE customer_groups AS
            SELECT customer_id, bool_or(accepted) AS accepted, {(Has("country") ? "any_value(country) FILTER (WHERE accepted)" : "NULL::VARCHAR")} AS country
            FROM (SELECT c.customer_id, {Carried("country")} AS country, c.base_problem IS NULL AND d.row_no IS NULL AS accepted
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
                         count(order_id) FILTER (WHERE {kind} = 'cancellation') AS cancellation_orders_read,
                         coalesce(sum(n_rows) FILTER (WHERE {kind} = 'cancellation'), 0) AS cancellation_rows_read,
                         count(order_id) FILTER (WHERE {kind} = 'adjustment') AS adjustment_orders_read,
                         coalesce(sum(n_rows - n_customer_rows), 0) AS rows_without_customer_read
                  FROM order_groups) g,
                 (SELECT count(*) AS customers_read, count(*) FILTER (WHERE accepted) AS customers FROM customer_groups) c,
                 (SELECT count(*) AS orders, count(*) FILTER (WHERE {kind} = 'cancellation') AS cancellation_orders
                  FROM orders WHERE import_id = {id}) o,
                 (SELECT count(*) FILTER (WHERE {kind} = 'cancellation') AS cancellation_lines,
                         count(*) FILTER (WHERE customer_id IS NULL) AS lines_without_customer,
                         count(*) AS lines,
                         count(DISTINCT {Carried("product_id")}) AS products,
                         coalesce(sum(coalesce(t_quantity, 1)) FILTER (WHERE {kind} = 'sale'), 0) AS items,
                         coalesce(sum(t_line_amount) FILTER (WHERE {kind} = 'sale'), 0) AS gross_revenue,
                         coalesce(sum(t_line_amount) FILTER (WHERE ({kind} = 'sale' AND {status} = 'placed') OR {kind} = 'cancellation'), 0) AS net_revenue
                  FROM accepted) l
            """, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Links each accepted cancellation line to the customer's latest earlier sale of the same
    /// product — stored or in this file — before anything is inserted (an equi-join on customer and
    /// product keeping the latest earlier sale: much faster here than DuckDB's ASOF join); unlinked
    /// ones cancel sales from before the data starts.
    /// </summary>
    private async Task LinkCancellationsAsync(bool possible, CancellationToken ct)
    {
        if (!possible)
        {
            await _engine.ExecuteAsync("CREATE OR REPLACE TEMP TABLE links (row_no BIGINT, line_no BIGINT, sale_order_id VARCHAR)", null, ct).ConfigureAwait(false);
            return;
        }
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
        CASE WHEN ({bits}) <> 0 THEN concat_ws(',',
          CASE WHEN ({bits}) & 1 <> 0 THEN 'zero_price' END,
          CASE WHEN ({bits}) & 2 <> 0 THEN 'outlier_quantity' END,
          CASE WHEN ({bits}) & 4 <> 0 THEN 'outlier_price' END,
          CASE WHEN ({bits}) & 8 <> 0 THEN 'no_customer' END) END
        """;
}
