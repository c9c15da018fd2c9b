using System.Globalization;
using System.Text.RegularExpressions;
using Segmenta.Core;
using Segmenta.Core.Rfm;
using Segmenta.Core.Segments;
using Segmenta.Storage.Rfm;

namespace Segmenta.Storage.ClickHouse;

/// <summary>
/// RFM scoring and segment counts computed inside ClickHouse, with the definitions of
/// <see cref="RfmQueries"/> and docs/segments.md. The per-person inputs aggregate the Distributed
/// tables (each shard groups its own people); the quintile scores then rank on the first host.
/// 18.16 has no window functions, so <c>rank()</c> is rebuilt from counts: per distinct value its
/// count, sorted, and <c>rank = (rows before it) + 1</c> by a cumulative sum — exactly SQL's
/// <c>rank()</c> (ties share the first rank), so <c>1 + intDiv(5 × (rank − 1), n)</c> gives the same
/// scores as DuckDB's <see cref="RfmSql"/> expressions.
/// The latest scoring is kept in <c>rfm_scores</c> on the first host (one snapshot).
/// </summary>
public static partial class ClickHouseRfm
{
    /// <summary>The columns of <c>rfm_scores</c>, as in DuckDB's table of the same name.</summary>
    public const string ScoreColumns =
        "as_of Date, basis String, customer_id String, is_customer UInt8, recency_days Int32, frequency Int64, monetary Float64, " +
        "monetary_net Float64, first_activity Nullable(Date), is_new UInt8, r_score Int32, f_score Int32, m_score Int32, orders Int64";

    /// <summary>Scores every person active in the window; returns how many were scored.</summary>
    public static async Task<long> ScoreAsync(ClickHouseEngine engine, RfmRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["{tz}"] = ClickHouseEngine.Quote(request.TimeZone),
            ["{as_of}"] = ClickHouseEngine.Literal(request.AsOf),
            ["{start}"] = ClickHouseEngine.Literal(request.WindowDays > 0 ? ShopTime.LocalMidnightToUtc(request.AsOf.AddDays(-request.WindowDays), request.TimeZone) : new DateTime(1971, 1, 1)),
            ["{end}"] = ClickHouseEngine.Literal(ShopTime.LocalMidnightToUtc(request.AsOf, request.TimeZone)),
        };
        string Fill(string sql) => p.Aggregate(sql, (s, kv) => s.Replace(kv.Key, kv.Value, StringComparison.Ordinal));

        // Sale lines in the window: the M input and, for purchases, the activity.
        const string Sales = "order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL AND amount > 0 AND ordered_at >= {start} AND ordered_at < {end}";
        var activity = request.Basis == RfmBasis.Purchases
            ? $"""
              SELECT assumeNotNull(customer_id) AS person,
                     toInt32({"{as_of}"} - toDate(toTimeZone(assumeNotNull(max(ordered_at)), {"{tz}"}))) AS recency_days,
                     toInt64(uniqExact(order_id)) AS frequency
              FROM {Sales} GROUP BY person
              """
            : """
              SELECT assumeNotNull(ifNull(customer_id, actor_id)) AS person,
                     toInt32({as_of} - toDate(toTimeZone(assumeNotNull(max(started_at)), {tz}))) AS recency_days,
                     toInt64(uniqExact(session_id)) AS frequency
              FROM sessions WHERE started_at >= {start} AND started_at < {end} AND isNotNull(ifNull(customer_id, actor_id))
              GROUP BY person
              """;
        var money = $"SELECT assumeNotNull(customer_id) AS person, sum(amount) AS monetary, toInt64(uniqExact(order_id)) AS orders FROM {Sales} GROUP BY person";
        const string Reversals = """
            SELECT assumeNotNull(customer_id) AS person, sum(if(kind = 'cancellation', amount, -amount)) AS taken_back
            FROM order_lines
            WHERE customer_id IS NOT NULL AND (kind = 'cancellation' OR status != 'placed') AND ordered_at >= {start} AND ordered_at < {end}
            GROUP BY person
            """;
        var firstSale = "SELECT assumeNotNull(customer_id) AS person, min(ordered_at) AS first_at FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL GROUP BY person";
        var firsts = request.Basis == RfmBasis.Purchases
            ? $"SELECT person, toDate(toTimeZone(assumeNotNull(first_at), {"{tz}"})) AS first_day FROM ({firstSale})"
            : $"""
              SELECT person, toDate(toTimeZone(assumeNotNull(min(first_at)), {"{tz}"})) AS first_day FROM (
                SELECT assumeNotNull(ifNull(customer_id, actor_id)) AS person, min(started_at) AS first_at FROM sessions
                WHERE isNotNull(ifNull(customer_id, actor_id)) GROUP BY person
                UNION ALL {firstSale})
              GROUP BY person
              """;
        // 18.16 allows one JOIN per SELECT: the per-person pieces are joined one level at a time.
        var inputs = $"""
            SELECT person, recency_days, frequency, ifNull(monetary, 0) AS monetary, ifNull(orders, 0) AS orders,
                   ifNull(monetary, 0) + ifNull(taken_back, 0) AS monetary_net, first_day
            FROM (
              SELECT person, recency_days, frequency, monetary, orders, taken_back FROM (
                SELECT person, recency_days, frequency, monetary, orders FROM ({activity}) ANY LEFT JOIN ({money}) USING person)
              ANY LEFT JOIN ({Reversals}) USING person)
            ANY LEFT JOIN ({firsts}) USING person
            """;
        var isNew = string.Create(CultureInfo.InvariantCulture, $"ifNull({{as_of}} - first_day < {new NewCustomerRule(request.NewCustomerDays).WindowDays}, 0)");
        var basis = request.Basis == RfmBasis.Purchases ? "purchases" : "visits";

        await engine.ExecuteAsync("DROP TABLE IF EXISTS rfm_inputs", null, cancellationToken).ConfigureAwait(false);
        await engine.ExecuteAsync(Fill($"""
            CREATE TABLE rfm_inputs ENGINE = MergeTree() ORDER BY person AS
            SELECT person, recency_days, frequency, monetary, orders, monetary_net, first_day, greatest(monetary, 0) AS m_key
            FROM ({inputs})
            """), null, cancellationToken).ConfigureAwait(false);
        await engine.ExecuteAsync("DROP TABLE IF EXISTS rfm_scores", null, cancellationToken).ConfigureAwait(false);
        await engine.ExecuteAsync($"CREATE TABLE rfm_scores ({ScoreColumns}) ENGINE = MergeTree() ORDER BY customer_id", null, cancellationToken).ConfigureAwait(false);
        await engine.ExecuteAsync(Fill($"""
            INSERT INTO rfm_scores
            SELECT {"{as_of}"}, '{basis}', person, NOT startsWith(person, 'anon:'), recency_days, frequency, monetary, monetary_net,
                   first_day, {isNew},
                   toInt32(1 + intDiv(5 * (r_rank - 1), n)), toInt32(1 + intDiv(5 * (f_rank - 1), n)), toInt32(1 + intDiv(5 * (m_rank - 1), n)),
                   orders
            FROM (
              SELECT *, (SELECT count() FROM rfm_inputs) AS n FROM (
                SELECT person, recency_days, frequency, monetary, orders, monetary_net, first_day, m_key, r_rank, f_rank FROM (
                  SELECT person, recency_days, frequency, monetary, orders, monetary_net, first_day, m_key, r_rank
                  FROM rfm_inputs ANY LEFT JOIN ({Ranks("recency_days", "r_rank", descending: true)}) USING recency_days)
                ANY LEFT JOIN ({Ranks("frequency", "f_rank", descending: false)}) USING frequency)
              ANY LEFT JOIN ({Ranks("m_key", "m_rank", descending: false)}) USING m_key)
            """), null, cancellationToken).ConfigureAwait(false);
        await engine.ExecuteAsync("DROP TABLE IF EXISTS rfm_inputs", null, cancellationToken).ConfigureAwait(false);
        return await engine.ScalarAsync<long>("SELECT count() FROM rfm_scores", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SQL <c>rank()</c> of every distinct value of <paramref name="column"/> in <c>rfm_inputs</c>:
    /// one plus the number of rows ordered strictly before it.
    /// </summary>
    private static string Ranks(string column, string rank, bool descending)
    {
        var sortKey = descending ? "-k" : "k";
        return $"""
            SELECT value AS {column}, toInt64(position) AS {rank} FROM (
              SELECT arraySort(k -> {sortKey}, groupArray(v)) AS vs,
                     arraySort((c, k) -> {sortKey}, groupArray(c), groupArray(v)) AS cs,
                     arrayMap((running, c) -> running - c + 1, arrayCumSum(cs), cs) AS ps
              FROM (SELECT {column} AS v, count() AS c FROM rfm_inputs GROUP BY v))
            ARRAY JOIN vs AS value, ps AS position
            """;
    }

    /// <summary>Summary of the latest scoring with the columns and definitions of <see cref="RfmQueries.SummaryAsync"/> (medians interpolate between the middle two).</summary>
    public static async Task<ResultTable> SummaryAsync(ClickHouseEngine engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        static string Median(string sorted) => $"if(length({sorted}) = 0, nan, if(length({sorted}) % 2 = 1, toFloat64({sorted}[intDiv(length({sorted}) + 1, 2)]), ({sorted}[intDiv(length({sorted}), 2)] + {sorted}[intDiv(length({sorted}), 2) + 1]) / 2))";
        return await engine.QueryAsync($"""
            SELECT customers, recency_mean, {Median("rs")} AS recency_median, frequency_mean, {Median("fs")} AS frequency_median, frequency_max,
                   monetary_mean, {Median("ms")} AS monetary_median, monetary_max, monetary_net_mean, monetary_net_max, anonymous_visitors
            FROM (
              SELECT count() AS customers, avg(recency_days) AS recency_mean, arraySort(groupArray(recency_days)) AS rs,
                     avg(frequency) AS frequency_mean, arraySort(groupArray(frequency)) AS fs, max(frequency) AS frequency_max,
                     avg(monetary) AS monetary_mean, arraySort(groupArray(monetary)) AS ms, max(monetary) AS monetary_max,
                     avg(monetary_net) AS monetary_net_mean, max(monetary_net) AS monetary_net_max, countIf(NOT is_customer) AS anonymous_visitors
              FROM rfm_scores)
            """, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Per segment of the latest scoring, the figures of <see cref="Segments.SegmentQueries.PerformanceAsync(IAnalyticsEngine, string, DateOnly, Core.Rfm.RfmBasis, int, CancellationToken)"/>: customers, share,
    /// revenue share, revenue, AOV, repeat rate and — when the data reaches <paramref name="followDays"/> days past the as-of date —
    /// the share who bought in those days.
    /// </summary>
    public static async Task<ResultTable> PerformanceAsync(
        ClickHouseEngine engine, SegmentRuleTable rules, string timeZone, DateOnly asOf, int followDays, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(rules);
        CheckFields(rules);
        var caseSql = rules.ToSqlCase(3);
        var start = ShopTime.LocalMidnightToUtc(asOf, timeZone);
        var end = ShopTime.LocalMidnightToUtc(asOf.AddDays(followDays), timeZone);
        var table = await engine.QueryAsync($"""
            SELECT segment, customers, customers / total_customers AS share,
                   if(total_revenue = 0, NULL, revenue / total_revenue) AS revenue_share, revenue,
                   if(order_count = 0, NULL, revenue / order_count) AS average_order_value,
                   if(buyers = 0, NULL, repeaters / buyers) AS repeat_rate,
                   if(ifNull((SELECT max(ordered_at) FROM order_lines) >= $2, 0), bought_later / customers, NULL) AS next_period_conversion
            FROM (
              SELECT segment, count() AS customers, sum(monetary) AS revenue, sum(orders) AS order_count,
                     countIf(orders >= 2) AS repeaters, countIf(orders >= 1) AS buyers, countIf(ifNull(later, 0) = 1) AS bought_later
              FROM (
                SELECT ifNull({caseSql.Sql}, '(none)') AS segment, monetary, orders, later
                FROM rfm_scores ANY LEFT JOIN (
                  SELECT assumeNotNull(customer_id) AS customer_id, toUInt8(1) AS later FROM order_lines
                  WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at >= $1 AND ordered_at < $2
                  GROUP BY customer_id) USING customer_id)
              GROUP BY segment)
            CROSS JOIN (SELECT count() AS total_customers, sum(monetary) AS total_revenue FROM rfm_scores)
            ORDER BY customers DESC, segment
            """, [start, end, .. caseSql.Parameters], cancellationToken).ConfigureAwait(false);
        return table;
    }

    /// <summary>How many people of the latest scoring match <paramref name="condition"/>.</summary>
    public static async Task<long> CountAsync(ClickHouseEngine engine, SegmentCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(condition);
        var compiled = condition.ToSql(1);
        CheckFields("the condition", compiled.Sql, condition.Catalog);
        return await engine.ScalarAsync<long>($"SELECT count() FROM rfm_scores WHERE {compiled.Sql}", compiled.Parameters.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    private static void CheckFields(SegmentRuleTable rules)
    {
        foreach (var (rule, condition) in rules.Rules.Zip(rules.Conditions))
        {
            CheckFields($"segment '{rule.Id}'", condition.ToSql(1).Sql, rules.Catalog);
        }
    }

    private static void CheckFields(string what, string sql, FieldCatalog catalog)
    {
        var available = ScoreColumns.Split(',').Select(c => c.Trim().Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var missing = catalog.Fields.FirstOrDefault(f => !available.Contains(f.SqlColumn) && Regex.IsMatch(sql, $@"\b{Regex.Escape(f.SqlColumn)}\b", RegexOptions.CultureInvariant));
        if (missing is not null)
        {
            throw new SegmentaInputException(
                $"{what} uses the field '{missing.Name}', which the ClickHouse engine does not compute yet (it has r, f, m, recency, frequency, monetary, is_new); run this command with --engine duckdb");
        }
    }

    /// <summary>
    /// Members per segment of the latest scoring under <paramref name="rules"/> (first match wins;
    /// <c>(none)</c> for people no rule matches), as <see cref="Segments.SegmentQueries.AssignAsync"/> counts them.
    /// Rules may use the score fields (r, f, m, recency, frequency, monetary, is_new).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> SegmentCountsAsync(ClickHouseEngine engine, SegmentRuleTable rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(rules);
        CheckFields(rules);
        var caseSql = rules.ToSqlCase(1);
        var t = await engine.QueryAsync(
            $"SELECT ifNull({caseSql.Sql}, '(none)') AS segment, count() AS customers FROM rfm_scores GROUP BY segment",
            caseSql.Parameters.ToArray(), cancellationToken).ConfigureAwait(false);
        return t.Rows.ToDictionary(r => (string)r[0]!, r => ResultTable.Convert<long>(r[1]), StringComparer.Ordinal);
    }
}
