using System.Globalization;

using Segmenta.Core.Rfm;

namespace Segmenta.Storage.Rfm;

/// <summary>
/// RFM inputs and quintile scores as one set-based query, snapshotted per as-of date in
/// <c>rfm_scores</c> (docs/segments.md). The scores are Core's <see cref="RfmSql"/> expressions —
/// the same tie rule as the C# <see cref="RfmScorer"/>.
/// </summary>
public static class RfmQueries
{
    // customer_id is stored uncompressed: DuckDB's string compression (FSST) would keep that column in a
    // third of the space (~80 MB less per 10 M people scored) but costs about a second per 10 M rows
    // written, and again in every read of the snapshot (docs/benchmarks.md).
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS rfm_scores (
            as_of DATE, basis VARCHAR, customer_id VARCHAR USING COMPRESSION uncompressed, is_customer BOOLEAN,
            recency_days INTEGER, frequency BIGINT, monetary DOUBLE, monetary_net DOUBLE,
            first_activity DATE, is_new BOOLEAN, r_score INTEGER, f_score INTEGER, m_score INTEGER, orders BIGINT,
            last_order_day DATE)
        """;

    /// <summary>
    /// Creates <c>rfm_scores</c> when missing. Snapshots stored before <c>last_order_day</c> existed get
    /// the column, filled from the orders as scoring fills it (the last sale day before the as-of day,
    /// in the shop's zone), so <c>days_since_last_order</c> of an old snapshot is never silently empty.
    /// Every reader of the profile calls this first.
    /// </summary>
    public static async Task EnsureSnapshotsAsync(IAnalyticsEngine engine, string timeZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await engine.ExecuteAsync(Ddl, null, cancellationToken).ConfigureAwait(false);
        var present = await engine.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'rfm_scores' AND column_name = 'last_order_day'",
            null, cancellationToken).ConfigureAwait(false);
        if (present > 0)
        {
            return;
        }
        await engine.InTransactionAsync(async ct =>
        {
            await engine.ExecuteAsync("ALTER TABLE rfm_scores ADD COLUMN last_order_day DATE", null, ct).ConfigureAwait(false);
            await engine.ExecuteAsync($"""
                UPDATE rfm_scores SET last_order_day = b.last_day
                FROM (SELECT s.as_of, s.customer_id, {ShopTime.LocalDaySql("max(o.ordered_at)", timeZone)} AS last_day
                      FROM (SELECT DISTINCT as_of, customer_id FROM rfm_scores) s
                      JOIN orders o ON o.customer_id = s.customer_id AND o.kind = 'sale'
                       AND o.ordered_at < timezone('UTC', timezone($1, s.as_of::TIMESTAMP))
                      GROUP BY 1, 2) b
                WHERE rfm_scores.as_of = b.as_of AND rfm_scores.customer_id = b.customer_id
                """, [timeZone], ct).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private const string Columns =
        "as_of, basis, customer_id, is_customer, recency_days, frequency, monetary, monetary_net, first_activity, is_new, r_score, f_score, m_score, orders, last_order_day";

    /// <summary>Scores every person active in the window and stores the snapshot; returns how many were scored.</summary>
    /// <remarks>
    /// Purchases are read from <c>orders</c>, one row per order: a sale order's amount is the sum of its
    /// lines, and sale lines are never negative (the importers and ingestion quarantine them), so "an order
    /// with a positive amount" is "an order with a sale line of positive amount" and the per-customer
    /// figures need no DISTINCT over order lines — the step that dominated at 100 M orders
    /// (docs/benchmarks.md). Cancellations and refunds are per line, so they still come from <c>order_lines</c>.
    /// </remarks>
    public static async Task<long> ScoreAsync(IAnalyticsEngine engine, RfmRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await EnsureSnapshotsAsync(engine, request.TimeZone, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf.ToDateTime(TimeOnly.MinValue);
        // Rows are filtered on UTC instants computed once here (the shop's local midnights), and only
        // per-person maxima and minima are converted to local days: converting every row's timestamp
        // to the shop's zone cost more than the rest of the query.
        var asOfUtc = ShopTime.LocalMidnightToUtc(request.AsOf, request.TimeZone);
        var windowStartUtc = request.WindowDays > 0 ? ShopTime.LocalMidnightToUtc(request.AsOf.AddDays(-request.WindowDays), request.TimeZone) : DateTime.MinValue.AddYears(1);
        var basis = request.Basis == RfmBasis.Purchases ? "purchases" : "visits";
        string Day(string instant) => ShopTime.LocalDaySql(instant, request.TimeZone);
        // Per customer, one pass over the sale orders before the as-of day (the window's positive orders,
        // and the last and first sale of all history) and, in the same grouping, what cancellations, refunds
        // and cancelled sales took back in the window (negative). Folding the few reversal lines into this
        // grouping replaced a join of every scored person with them: hashing 10 M customer ids a second
        // time cost ~2 s at 100 M orders (docs/benchmarks.md). Reversal lines carry no order time or
        // amount, so they count in no purchase figure. Two reversal scans, because DuckDB pushes their
        // filters into the table scan, unlike one OR over two columns.
        var counted = request.WindowDays > 0 ? "amount > 0 AND ordered_at >= $2" : "amount > 0";
        var purchases = $"""
            SELECT person,
                   max(ordered_at) FILTER (WHERE {counted}) AS last_at,
                   count(*) FILTER (WHERE {counted}) AS orders,
                   -- rounded to a millionth: a sum of cent amounts then no longer depends on the order the
                   -- parallel aggregation added them in, which could break ties in the M score differently per run
                   round(sum(amount) FILTER (WHERE {counted}), 6) AS monetary,
                   {Day("max(ordered_at)")} AS last_order_day,
                   min(ordered_at) AS first_at,
                   sum(taken_back) AS taken_back
            FROM (SELECT customer_id AS person, ordered_at, amount, NULL::DOUBLE AS taken_back FROM orders
                  WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at < $3
                  UNION ALL
                  SELECT customer_id, NULL, NULL, amount FROM order_lines
                  WHERE kind = 'cancellation' AND customer_id IS NOT NULL AND ordered_at >= $2 AND ordered_at < $3
                  UNION ALL
                  SELECT customer_id, NULL, NULL, -amount FROM order_lines
                  WHERE kind <> 'cancellation' AND status <> 'placed' AND customer_id IS NOT NULL AND ordered_at >= $2 AND ordered_at < $3)
            GROUP BY 1
            """;
        // Who is scored, with their recency, frequency and first activity.
        var people = request.Basis == RfmBasis.Purchases
            ? $"""
              SELECT person, {Day("last_at")} AS last_day, orders AS frequency, {Day("first_at")} AS first_day,
                     monetary, orders, last_order_day, taken_back
              FROM buys WHERE orders > 0
              """
            : $"""
              SELECT v.person, {Day("v.last_at")} AS last_day, v.frequency, {Day("least(v.first_at, b.first_at)")} AS first_day,
                     b.monetary, b.orders, b.last_order_day, b.taken_back
              FROM (SELECT coalesce(customer_id, actor_id) AS person,
                           max(started_at) FILTER (WHERE started_at >= $2) AS last_at,
                           count(DISTINCT session_id) FILTER (WHERE started_at >= $2) AS frequency,
                           min(started_at) AS first_at
                    FROM sessions WHERE started_at < $3 GROUP BY 1) v
              LEFT JOIN buys b USING (person)
              WHERE v.frequency > 0
              """;
        var isNew = new NewCustomerRule(request.NewCustomerDays).ToSql("first_day", "$1::DATE");
        // The inputs are computed before the transaction that replaces the snapshot: DuckDB reads a temp
        // table created inside the same transaction from its transaction-local storage, which made the
        // INSERT below take twice as long at 10 M customers (docs/benchmarks.md). The name is unique, so
        // two scorings on one connection cannot read each other's inputs.
        var inputs = "rfm_inputs_" + Guid.NewGuid().ToString("N");
        try
        {
            await engine.ExecuteAsync($"""
                CREATE TEMP TABLE {inputs} AS
                WITH buys AS ({purchases}),
                scored AS (
                  SELECT p.person, date_diff('day', p.last_day, $1::DATE) AS recency_days, p.frequency,
                         coalesce(p.monetary, 0) AS monetary, coalesce(p.orders, 0) AS orders,
                         coalesce(p.monetary, 0) + coalesce(p.taken_back, 0) AS monetary_net,
                         p.first_day, p.last_order_day
                  FROM ({people}) p)
                SELECT *, greatest(monetary, 0) AS m_key FROM scored
                """, [asOf, windowStartUtc, asOfUtc], cancellationToken).ConfigureAwait(false);
            await engine.InTransactionAsync(async ct =>
            {
                await engine.ExecuteAsync("DELETE FROM rfm_scores WHERE as_of = $1 AND basis = $2", [asOf, basis], ct).ConfigureAwait(false);
                // Scores by the cut values of each measure (RfmSql.Thresholds): the same scores as rank() over
                // the rows, without sorting millions of rows three times.
                await engine.ExecuteAsync($"""
                    INSERT INTO rfm_scores ({Columns})
                    SELECT $1::DATE, '{basis}', person, NOT starts_with(person, 'anon:'), recency_days, frequency, monetary, monetary_net,
                           first_day, coalesce({isNew}, false),
                           {RfmSql.ThresholdScore("recency_days", true, "r")}, {RfmSql.ThresholdScore("frequency", false, "f")},
                           {RfmSql.ThresholdScore("m_key", false, "m")},
                           orders, last_order_day
                    FROM {inputs}
                    CROSS JOIN ({RfmSql.Thresholds(inputs, "recency_days", true, "r")})
                    CROSS JOIN ({RfmSql.Thresholds(inputs, "frequency", false, "f")})
                    CROSS JOIN ({RfmSql.Thresholds(inputs, "m_key", false, "m")})
                    """, [asOf], ct).ConfigureAwait(false);
                return 0;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await engine.ExecuteAsync($"DROP TABLE IF EXISTS {inputs}", null, CancellationToken.None).ConfigureAwait(false);
        }
        return await engine.ScalarAsync<long>("SELECT count(*) FROM rfm_scores WHERE as_of = $1 AND basis = $2", [asOf, basis], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Summary statistics of a stored snapshot (count, mean/median/max of R, F, M inputs).</summary>
    public static Task<ResultTable> SummaryAsync(IAnalyticsEngine engine, DateOnly asOf, RfmBasis basis, CancellationToken cancellationToken = default) =>
        engine.QueryAsync("""
            SELECT count(*) AS customers,
                   avg(recency_days) AS recency_mean, median(recency_days) AS recency_median,
                   avg(frequency) AS frequency_mean, median(frequency) AS frequency_median, max(frequency) AS frequency_max,
                   avg(monetary) AS monetary_mean, median(monetary) AS monetary_median, max(monetary) AS monetary_max,
                   avg(monetary_net) AS monetary_net_mean, max(monetary_net) AS monetary_net_max,
                   count(*) FILTER (WHERE NOT is_customer) AS anonymous_visitors
            FROM rfm_scores WHERE as_of = $1 AND basis = $2
            """, [asOf.ToDateTime(TimeOnly.MinValue), basis == RfmBasis.Purchases ? "purchases" : "visits"], cancellationToken);
}
