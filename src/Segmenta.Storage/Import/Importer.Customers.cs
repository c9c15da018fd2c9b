namespace Segmenta.Storage.Import;

public sealed partial class Importer
{
    private const string TrueWords = "('true', 't', '1', 'yes', 'y')";
    private const string FalseWords = "('false', 'f', '0', 'no', 'n')";

    private async Task<Dictionary<string, double>> ImportCustomersAsync(ImportContext context, CancellationToken ct)
    {
        var plan = context.Plan;
        var id = context.ImportId;
        var salt = SqlText.Literal(_settings.PseudonymSalt);
        // Pseudonymised contacts: salted SHA-256 of the normalised value; the clear value is never stored.
        string Contact(string column) => _settings.PseudonymiseContacts
            ? $"CASE WHEN {column} IS NULL THEN NULL ELSE 'sha256:' || sha256({salt} || lower({column})) END"
            : column;
        string BadBool(string field) =>
            $"WHEN s.{field} IS NOT NULL AND lower(s.{field}) NOT IN {TrueWords} AND lower(s.{field}) NOT IN {FalseWords} THEN {Problem(field, "bad_bool", $"'''' || s.{field} || ''' is not true/false'")}";
        string AsBool(string field) => $"CASE WHEN lower(s.{field}) IN {TrueWords} THEN true WHEN lower(s.{field}) IN {FalseWords} THEN false END";

        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE checked AS
            SELECT s.*,
              {UtcTime(plan, "s.signup_at")} AS t_signup,
              {AsBool("consent_email")} AS t_consent_email,
              {AsBool("consent_sms")} AS t_consent_sms,
              {AsBool("consent_push")} AS t_consent_push,
              CASE
                WHEN s.customer_id IS NULL THEN {Problem("customer_id", "missing", "'customer_id is empty'")}
                WHEN s.signup_at IS NOT NULL AND t_signup IS NULL THEN {Problem("signup_at", "bad_date", "'''' || s.signup_at || ''' is not a date/time'")}
                {BadBool("consent_email")}
                {BadBool("consent_sms")}
                {BadBool("consent_push")}
              END AS problem
            FROM staged s;

            UPDATE checked SET problem = {Problem("customer_id", "duplicate_customer", "'customer ' || checked.customer_id || ' already appears in row ' || f.first_row")}
            FROM (SELECT row_no, first_value(row_no) OVER (PARTITION BY customer_id ORDER BY row_no) AS first_row FROM checked WHERE problem IS NULL) f
            WHERE checked.row_no = f.row_no AND f.first_row <> checked.row_no;
            """, null, ct).ConfigureAwait(false);

        await QuarantineAsync(context, "checked", ct).ConfigureAwait(false);

        // Upsert: a newer file updates a customer; fields it leaves empty keep their stored value.
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE merged AS
            SELECT n.customer_id,
                   coalesce({Contact("n.email")}, o.email) AS email,
                   coalesce({Contact("n.phone")}, o.phone) AS phone,
                   coalesce(n.t_signup, o.signup_at) AS signup_at,
                   coalesce(n.gender, o.gender) AS gender, coalesce(n.age_group, o.age_group) AS age_group,
                   coalesce(n.country, o.country) AS country, coalesce(n.region, o.region) AS region,
                   coalesce(n.channel, o.channel) AS channel,
                   coalesce(n.t_consent_email, o.consent_email) AS consent_email,
                   coalesce(n.t_consent_sms, o.consent_sms) AS consent_sms,
                   coalesce(n.t_consent_push, o.consent_push) AS consent_push,
                   {id} AS import_id
            FROM (SELECT * FROM checked WHERE problem IS NULL) n
            LEFT JOIN customers o ON o.customer_id = n.customer_id;
            DELETE FROM customers WHERE customer_id IN (SELECT customer_id FROM merged);
            INSERT INTO customers SELECT * FROM merged;
            DROP TABLE merged;
            """, null, ct).ConfigureAwait(false);

        return await FactsAsync($"""
            SELECT count(*) AS customers,
                   count(*) FILTER (WHERE consent_email) AS consent_email,
                   count(*) FILTER (WHERE consent_sms) AS consent_sms
            FROM customers WHERE import_id = {id}
            """, ct).ConfigureAwait(false);
    }

    private async Task<Dictionary<string, double>> ImportProductsAsync(ImportContext context, CancellationToken ct)
    {
        var id = context.ImportId;
        await _engine.ExecuteAsync($"""
            CREATE OR REPLACE TEMP TABLE checked AS
            SELECT s.*, try_cast(s.price AS DOUBLE) AS t_price,
              CASE
                WHEN s.product_id IS NULL THEN {Problem("product_id", "missing", "'product_id is empty'")}
                WHEN s.price IS NOT NULL AND t_price IS NULL THEN {Problem("price", "bad_number", "'''' || s.price || ''' is not a number'")}
                WHEN t_price < 0 THEN {Problem("price", "negative_price", "'price ' || s.price || ' is negative'")}
              END AS problem,
              NULL::VARCHAR AS customer_id
            FROM staged s;

            UPDATE checked SET problem = {Problem("product_id", "duplicate_product", "'product ' || checked.product_id || ' already appears in row ' || f.first_row")}
            FROM (SELECT row_no, first_value(row_no) OVER (PARTITION BY product_id ORDER BY row_no) AS first_row FROM checked WHERE problem IS NULL) f
            WHERE checked.row_no = f.row_no AND f.first_row <> checked.row_no;
            """, null, ct).ConfigureAwait(false);

        await QuarantineAsync(context, "checked", ct).ConfigureAwait(false);

        await _engine.ExecuteAsync($"""
            DELETE FROM products WHERE product_id IN (SELECT product_id FROM checked WHERE problem IS NULL);
            INSERT INTO products SELECT product_id, name, category, brand, t_price, {id} FROM checked WHERE problem IS NULL;
            """, null, ct).ConfigureAwait(false);

        return await FactsAsync($"SELECT count(*) AS products, count(DISTINCT category) AS categories FROM products WHERE import_id = {id}", ct).ConfigureAwait(false);
    }
}
