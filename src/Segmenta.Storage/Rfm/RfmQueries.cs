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
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS rfm_scores (
            as_of DATE, basis VARCHAR, customer_id VARCHAR, is_customer BOOLEAN,
            recency_days INTEGER, frequency BIGINT, monetary DOUBLE, monetary_net DOUBLE,
            first_activity DATE, is_new BOOLEAN, r_score INTEGER, f_score INTEGER, m_score INTEGER, orders BIGINT)
        """;

    /// <summary>Scores every person active in the window and stores the snapshot; returns how many were scored.</summary>
    public static async Task<long> ScoreAsync(IAnalyticsEngine engine, RfmRequest request, CancellationToken cancellationToken = default)
    {
        await engine.ExecuteAsync(Ddl, null, cancellationToken).ConfigureAwait(false);
        var asOf = request.AsOf.ToDateTime(TimeOnly.MinValue);
        // Rows are filtered on UTC instants computed once here (the shop's local midnights), and only
        // per-person maxima and minima are converted to local days: converting every row's timestamp
        // to the shop's zone cost more than the rest of the query.
        var asOfUtc = ShopTime.LocalMidnightToUtc(request.AsOf, request.TimeZone);
        var windowStartUtc = request.WindowDays > 0 ? ShopTime.LocalMidnightToUtc(request.AsOf.AddDays(-request.WindowDays), request.TimeZone) : DateTime.MinValue.AddYears(1);
        var basis = request.Basis == RfmBasis.Purchases ? "purchases" : "visits";
        // Activity rows: (person, local day, order id or session id); purchases come from sale lines with a positive amount.
        var activity = request.Basis == RfmBasis.Purchases
            ? "SELECT customer_id AS person, ordered_at AS act_at, order_id AS unit FROM sales"
            : """
              SELECT coalesce(customer_id, actor_id) AS person, started_at AS act_at, session_id AS unit
              FROM sessions WHERE started_at >= $3 AND started_at < $4
              """;
        var firstEver = request.Basis == RfmBasis.Purchases
            ? "SELECT customer_id AS person, timezone($1, min(ordered_at)::TIMESTAMPTZ)::DATE AS first_day FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL GROUP BY 1"
            : """
              SELECT person, timezone($1, min(first_at)::TIMESTAMPTZ)::DATE AS first_day FROM (
                SELECT coalesce(customer_id, actor_id) AS person, min(started_at) AS first_at FROM sessions GROUP BY 1
                UNION ALL
                SELECT customer_id, min(ordered_at) FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL GROUP BY 1)
              GROUP BY person
              """;
        var isNew = new NewCustomerRule(request.NewCustomerDays).ToSql("first_day", "$2::DATE");
        await engine.InTransactionAsync(async ct =>
        {
            await engine.ExecuteAsync("DELETE FROM rfm_scores WHERE as_of = $1 AND basis = $2", [request.AsOf.ToDateTime(TimeOnly.MinValue), basis], ct).ConfigureAwait(false);
            await engine.ExecuteAsync($"""
                INSERT INTO rfm_scores
                WITH sales AS (
                  SELECT customer_id, order_id, amount, ordered_at
                  FROM order_lines
                  WHERE kind = 'sale' AND customer_id IS NOT NULL AND amount > 0 AND ordered_at >= $3 AND ordered_at < $4),
                reversals AS (
                  -- what cancellations, refunds and cancelled sales took back in the window (negative)
                  SELECT customer_id, sum(CASE WHEN kind = 'cancellation' THEN amount ELSE -amount END) AS taken_back
                  FROM order_lines
                  WHERE customer_id IS NOT NULL AND (kind = 'cancellation' OR status <> 'placed')
                    AND ordered_at >= $3 AND ordered_at < $4
                  GROUP BY 1),
                act AS ({activity}),
                per_person AS (
                  SELECT person, date_diff('day', timezone($1, max(act_at)::TIMESTAMPTZ)::DATE, $2::DATE) AS recency_days, count(DISTINCT unit) AS frequency
                  FROM act WHERE person IS NOT NULL GROUP BY person),
                money AS (SELECT customer_id AS person, sum(amount) AS monetary, count(DISTINCT order_id) AS orders FROM sales GROUP BY 1),
                firsts AS ({firstEver}),
                scored AS (
                  SELECT p.person, p.recency_days, p.frequency, coalesce(m.monetary, 0) AS monetary, coalesce(m.orders, 0) AS orders,
                         coalesce(m.monetary, 0) + coalesce(rv.taken_back, 0) AS monetary_net,
                         f.first_day
                  FROM per_person p
                  LEFT JOIN money m USING (person)
                  LEFT JOIN reversals rv ON rv.customer_id = p.person
                  LEFT JOIN firsts f USING (person))
                SELECT $2::DATE, '{basis}', person, NOT starts_with(person, 'anon:'), recency_days, frequency, monetary, monetary_net,
                       first_day, coalesce({isNew}, false),
                       {RfmSql.RecencyScore}, {RfmSql.FrequencyScore}, {RfmSql.MonetaryScore},
                       orders
                FROM scored
                """, [request.TimeZone, asOf, windowStartUtc, asOfUtc], ct).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
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
