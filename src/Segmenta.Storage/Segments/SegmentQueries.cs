using System.Globalization;
using Segmenta.Core;
using Segmenta.Core.Rfm;
using Segmenta.Core.Segments;
using Segmenta.Storage.Rfm;

namespace Segmenta.Storage.Segments;

/// <summary>
/// Segment membership snapshots and their figures, set-based over <c>rfm_scores</c> (docs/segments.md).
/// Conditions arrive compiled by <see cref="SegmentCondition"/>: column names from the field catalog,
/// every user value a parameter.
/// </summary>
public static class SegmentQueries
{
    // customer_id is stored uncompressed, as in rfm_scores (RfmQueries says why).
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS segment_members (as_of DATE, basis VARCHAR, customer_id VARCHAR USING COMPRESSION uncompressed, segment_id VARCHAR);
        CREATE TABLE IF NOT EXISTS clv_predictions (
            as_of DATE, model VARCHAR, customer_id VARCHAR, p_alive DOUBLE, expected_purchases DOUBLE,
            expected_spend DOUBLE, clv DOUBLE, days_to_next_order DOUBLE);
        CREATE TABLE IF NOT EXISTS purchase_predictions (as_of DATE, customer_id VARCHAR, probability DOUBLE, band INTEGER, model VARCHAR, reasons VARCHAR);
        ALTER TABLE purchase_predictions ADD COLUMN IF NOT EXISTS reasons VARCHAR;
        CREATE TABLE IF NOT EXISTS churn_predictions (as_of DATE, customer_id VARCHAR, probability DOUBLE, band INTEGER, model VARCHAR, reasons VARCHAR);
        CREATE TABLE IF NOT EXISTS uplift_predictions (as_of DATE, customer_id VARCHAR, uplift DOUBLE, model VARCHAR);
        """;

    /// <summary>Creates the derived tables (segments, predictions) when missing; brings older ones up to date.</summary>
    public static Task EnsureTablesAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default) =>
        engine.ExecuteAsync(Ddl, null, cancellationToken);

    /// <summary>Parameters the profile query uses: $1 shop zone, $2 as-of day, $3 basis; conditions number from 4.</summary>
    public const int FirstConditionParameter = 4;

    /// <summary>
    /// One row per scored person at an as-of date, with every field of <see cref="FieldCatalog.Default"/>
    /// under its catalog column name (plus consent and contact columns for exports).
    /// </summary>
    public const string Profiles = """
        SELECT s.customer_id, s.is_customer, s.r_score, s.f_score, s.m_score, s.recency_days, s.frequency, s.monetary, s.monetary_net,
               s.orders, s.is_new, date_diff('day', s.last_order_day, s.as_of) AS days_since_last_order,
               pp.probability AS purchase_probability, cp.probability AS churn_probability, up.uplift AS coupon_uplift, cl.clv, c.country, c.email, c.phone,
               coalesce(c.consent_email, false) AS consent_email, coalesce(c.consent_sms, false) AS consent_sms,
               sm.segment_id
        FROM rfm_scores s
        LEFT JOIN customers c ON c.customer_id = s.customer_id
        LEFT JOIN (SELECT customer_id, arg_max(clv, as_of) AS clv FROM clv_predictions WHERE as_of < $2 GROUP BY 1) cl ON cl.customer_id = s.customer_id
        LEFT JOIN (SELECT customer_id, arg_max(probability, as_of) AS probability FROM purchase_predictions WHERE as_of <= $2 GROUP BY 1) pp
               ON pp.customer_id = s.customer_id
        LEFT JOIN (SELECT customer_id, arg_max(probability, as_of) AS probability FROM churn_predictions WHERE as_of <= $2 GROUP BY 1) cp
               ON cp.customer_id = s.customer_id
        LEFT JOIN (SELECT customer_id, arg_max(uplift, as_of) AS uplift FROM uplift_predictions WHERE as_of <= $2 GROUP BY 1) up
               ON up.customer_id = s.customer_id
        LEFT JOIN segment_members sm ON sm.as_of = s.as_of AND sm.basis = s.basis AND sm.customer_id = s.customer_id
        WHERE s.as_of = $2::DATE AND s.basis = $3
          AND $1::VARCHAR IS NOT NULL /* $1, the shop zone, is unused here but in the parameter contract callers share */
        """;

    /// <summary>
    /// The part of <see cref="Profiles"/> held by the snapshot itself, same parameters: enough for rule
    /// tables that read only scores and RFM inputs (the ten defaults), and much cheaper at millions of
    /// customers than joining contacts and every prediction table.
    /// </summary>
    private const string SnapshotProfiles = """
        SELECT s.customer_id, s.is_customer, s.r_score, s.f_score, s.m_score, s.recency_days, s.frequency, s.monetary, s.monetary_net,
               s.orders, s.is_new, date_diff('day', s.last_order_day, s.as_of) AS days_since_last_order
        FROM rfm_scores s
        WHERE s.as_of = $2::DATE AND s.basis = $3 AND $1::VARCHAR IS NOT NULL
        """;

    private static readonly HashSet<string> SnapshotColumns =
        ["r_score", "f_score", "m_score", "recency_days", "frequency", "monetary", "monetary_net", "orders", "is_new", "days_since_last_order"];

    /// <summary>The basis name stored in snapshots.</summary>
    public static string Name(RfmBasis basis) => basis == RfmBasis.Purchases ? "purchases" : "visits";

    /// <summary>Assigns every scored person of the snapshot to the first matching rule; returns members per segment.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> AssignAsync(
        IAnalyticsEngine engine, string timeZone, DateOnly asOf, RfmBasis basis, SegmentRuleTable rules, CancellationToken cancellationToken = default)
    {
        await engine.ExecuteAsync(Ddl, null, cancellationToken).ConfigureAwait(false);
        await RfmQueries.EnsureSnapshotsAsync(engine, timeZone, cancellationToken).ConfigureAwait(false);
        var caseSql = rules.ToSqlCase(FirstConditionParameter);
        var profiles = rules.Columns.IsSubsetOf(SnapshotColumns) ? SnapshotProfiles : Profiles;
        var day = asOf.ToDateTime(TimeOnly.MinValue);
        await engine.InTransactionAsync(async ct =>
        {
            await engine.ExecuteAsync("DELETE FROM segment_members WHERE as_of = $1 AND basis = $2", [day, Name(basis)], ct).ConfigureAwait(false);
            await engine.ExecuteAsync(
                $"INSERT INTO segment_members SELECT $2::DATE, $3, customer_id, {caseSql.Sql} FROM ({profiles}) p",
                [timeZone, day, Name(basis), .. caseSql.Parameters], ct).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        var counts = await engine.QueryAsync(
            "SELECT coalesce(segment_id, '(none)'), count(*) FROM segment_members WHERE as_of = $1 AND basis = $2 GROUP BY 1",
            [day, Name(basis)], cancellationToken).ConfigureAwait(false);
        return counts.Rows.ToDictionary(r => (string)r[0]!, r => ResultTable.Convert<long>(r[1]));
    }

    /// <summary>
    /// Per segment: size, share, revenue share, AOV, repeat rate, and — when the data reaches past the
    /// as-of date — the share of members who bought in the following <paramref name="followDays"/> days.
    /// </summary>
    public static Task<ResultTable> PerformanceAsync(
        IAnalyticsEngine engine, string timeZone, DateOnly asOf, RfmBasis basis, int followDays, CancellationToken cancellationToken = default) =>
        PerformanceAsync(engine, timeZone, asOf, basis, followDays, null, cancellationToken);

    /// <summary>
    /// As <see cref="PerformanceAsync(IAnalyticsEngine, string, DateOnly, RfmBasis, int, CancellationToken)"/>,
    /// for the snapshot just assigned with <paramref name="rules"/>: when they read only the snapshot, each
    /// member's segment is recomputed in the query (cheap) instead of joined back from <c>segment_members</c>
    /// (a join of millions of customers).
    /// </summary>
    public static async Task<ResultTable> PerformanceAsync(
        IAnalyticsEngine engine, string timeZone, DateOnly asOf, RfmBasis basis, int followDays, SegmentRuleTable? rules,
        CancellationToken cancellationToken = default)
    {
        var day = asOf.ToDateTime(TimeOnly.MinValue);
        var end = asOf.AddDays(followDays).ToDateTime(TimeOnly.MinValue);
        // The following window's conversion is only defined when the data reaches its end; otherwise the
        // join of every member with the later buyers is skipped (at 10 M members, most of this query's cost).
        var fullWindow = await engine.ScalarAsync<bool?>(
            "SELECT timezone($1, max(ordered_at)::TIMESTAMPTZ) >= $2 FROM order_lines", [timeZone, end], cancellationToken).ConfigureAwait(false) == true;
        List<object?> parameters = [timeZone, day, Name(basis)];
        string members;
        if (rules is not null && rules.Columns.IsSubsetOf(SnapshotColumns))
        {
            var caseSql = rules.ToSqlCase(parameters.Count + 1);
            parameters.AddRange(caseSql.Parameters);
            members = $"SELECT customer_id, monetary, orders, {caseSql.Sql} AS segment_id FROM ({SnapshotProfiles}) s";
        }
        else
        {
            members = """
                SELECT s.customer_id, s.monetary, s.orders, m.segment_id
                FROM rfm_scores s
                LEFT JOIN segment_members m ON m.as_of = s.as_of AND m.basis = s.basis AND m.customer_id = s.customer_id
                WHERE s.as_of = $2::DATE AND s.basis = $3 AND $1::VARCHAR IS NOT NULL
                """;
        }
        var later = "";
        if (fullWindow)
        {
            parameters.Add(end);
            later = $"""
                LEFT JOIN (SELECT DISTINCT customer_id FROM orders
                           WHERE kind = 'sale' AND customer_id IS NOT NULL
                             AND ordered_at >= timezone('UTC', timezone($1, $2::TIMESTAMP)) AND ordered_at < timezone('UTC', timezone($1, ${parameters.Count}::TIMESTAMP))) l
                  ON l.customer_id = p.customer_id
                """;
        }
        // Only the snapshot's own columns are needed here, not the whole profile (predictions, contacts).
        return await engine.QueryAsync($"""
            WITH p AS ({members})
            SELECT coalesce(p.segment_id, '(none)') AS segment,
                   count(*) AS customers,
                   count(*) / sum(count(*)) OVER () AS share,
                   sum(p.monetary) / nullif(sum(sum(p.monetary)) OVER (), 0) AS revenue_share,
                   sum(p.monetary) AS revenue,
                   sum(p.monetary) / nullif(sum(p.orders), 0) AS average_order_value,
                   count(*) FILTER (WHERE p.orders >= 2) / nullif(count(*) FILTER (WHERE p.orders >= 1), 0) AS repeat_rate,
                   {(fullWindow ? "count(l.customer_id) / count(*)" : "NULL::DOUBLE")} AS next_period_conversion
            FROM p {later}
            GROUP BY 1 ORDER BY customers DESC
            """, parameters, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Transition counts between two snapshots over the people scored at both dates.</summary>
    public static Task<ResultTable> MigrationAsync(IAnalyticsEngine engine, DateOnly from, DateOnly to, RfmBasis basis, CancellationToken cancellationToken = default) =>
        engine.QueryAsync("""
            SELECT a.segment_id AS from_segment, b.segment_id AS to_segment, count(*) AS customers,
                   list(a.customer_id ORDER BY a.customer_id)[1:20] AS sample
            FROM segment_members a JOIN segment_members b ON b.customer_id = a.customer_id AND b.basis = a.basis
            WHERE a.as_of = $1 AND b.as_of = $2 AND a.basis = $3
            GROUP BY 1, 2 ORDER BY 1, 2
            """, [from.ToDateTime(TimeOnly.MinValue), to.ToDateTime(TimeOnly.MinValue), Name(basis)], cancellationToken);

    /// <summary>
    /// Writes the profiles matching <paramref name="condition"/> to a CSV or Parquet file (by extension);
    /// with <paramref name="consentChannel"/> only people who consented on that channel. Returns the rows written.
    /// </summary>
    public static async Task<long> ExportAsync(
        IAnalyticsEngine engine, string timeZone, DateOnly asOf, RfmBasis basis, SegmentCondition condition, string? consentChannel, string file,
        CancellationToken cancellationToken = default)
    {
        await engine.ExecuteAsync(Ddl, null, cancellationToken).ConfigureAwait(false);
        await RfmQueries.EnsureSnapshotsAsync(engine, timeZone, cancellationToken).ConfigureAwait(false);
        var compiled = condition.ToSql(FirstConditionParameter);
        var consent = consentChannel switch
        {
            null => "true",
            "email" => "consent_email",
            "sms" => "consent_sms",
            _ => throw new SegmentaInputException($"--consent {consentChannel}: expected email or sms"),
        };
        var format = file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "parquet" : "csv";
        await engine.ExecuteAsync(
            $"CREATE OR REPLACE TEMP TABLE export_rows AS SELECT * FROM ({Profiles}) p WHERE ({compiled.Sql}) AND {consent} ORDER BY customer_id",
            [timeZone, asOf.ToDateTime(TimeOnly.MinValue), Name(basis), .. compiled.Parameters], cancellationToken).ConfigureAwait(false);
        var rows = await engine.ScalarAsync<long>("SELECT count(*) FROM export_rows", null, cancellationToken).ConfigureAwait(false);
        var path = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await engine.ExecuteAsync(
            string.Create(CultureInfo.InvariantCulture, $"COPY export_rows TO {SqlText.Literal(path)} (FORMAT {format}{(format == "csv" ? ", HEADER" : "")}); DROP TABLE export_rows"),
            null, cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>How many scored people match <paramref name="condition"/>.</summary>
    public static async Task<long> CountAsync(IAnalyticsEngine engine, string timeZone, DateOnly asOf, RfmBasis basis, SegmentCondition condition, CancellationToken cancellationToken = default)
    {
        await engine.ExecuteAsync(Ddl, null, cancellationToken).ConfigureAwait(false);
        await RfmQueries.EnsureSnapshotsAsync(engine, timeZone, cancellationToken).ConfigureAwait(false);
        var compiled = condition.ToSql(FirstConditionParameter);
        return await engine.ScalarAsync<long>($"SELECT count(*) FROM ({Profiles}) p WHERE {compiled.Sql}",
            [timeZone, asOf.ToDateTime(TimeOnly.MinValue), Name(basis), .. compiled.Parameters], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Snapshots stored: as-of date and basis, newest first.</summary>
    public static async Task<IReadOnlyList<(DateOnly AsOf, string Basis)>> SnapshotsAsync(IAnalyticsEngine engine, CancellationToken cancellationToken = default)
    {
        await engine.ExecuteAsync(Ddl, null, cancellationToken).ConfigureAwait(false);
        var t = await engine.QueryAsync("SELECT DISTINCT as_of, basis FROM segment_members ORDER BY as_of DESC, basis", null, cancellationToken).ConfigureAwait(false);
        return t.Rows.Select(r => (r[0] is DateOnly d ? d : DateOnly.FromDateTime((DateTime)r[0]!), (string)r[1]!)).ToList();
    }
}
