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

    /// <summary>
    /// Members per segment of the latest scoring under <paramref name="rules"/> (first match wins;
    /// <c>(none)</c> for people no rule matches), as <see cref="Segments.SegmentQueries.AssignAsync"/> counts them.
    /// Rules may use the score fields (r, f, m, recency, frequency, monetary, is_new).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> SegmentCountsAsync(ClickHouseEngine engine, SegmentRuleTable rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(rules);
        var available = ScoreColumns.Split(',').Select(c => c.Trim().Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var (rule, condition) in rules.Rules.Zip(rules.Conditions))
        {
            var sql = condition.ToSql(1).Sql;
            var missing = rules.Catalog.Fields.FirstOrDefault(f => !available.Contains(f.SqlColumn) && Regex.IsMatch(sql, $@"\b{Regex.Escape(f.SqlColumn)}\b", RegexOptions.CultureInvariant));
            if (missing is not null)
            {
                throw new SegmentaInputException(
                    $"segment '{rule.Id}' uses the field '{missing.Name}', which the ClickHouse engine does not compute yet (it has r, f, m, recency, frequency, monetary, is_new); run this command on the workspace's DuckDB engine");
            }
        }
        var caseSql = rules.ToSqlCase(1);
        var t = await engine.QueryAsync(
            $"SELECT ifNull({caseSql.Sql}, '(none)') AS segment, count() AS customers FROM rfm_scores GROUP BY segment",
            caseSql.Parameters.ToArray(), cancellationToken).ConfigureAwait(false);
        return t.Rows.ToDictionary(r => (string)r[0]!, r => ResultTable.Convert<long>(r[1]), StringComparer.Ordinal);
    }
}
