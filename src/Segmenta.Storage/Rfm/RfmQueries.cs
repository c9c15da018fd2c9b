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
        var windowStart = request.WindowDays > 0 ? request.AsOf.AddDays(-request.WindowDays).ToDateTime(TimeOnly.MinValue) : DateTime.MinValue.AddYears(1);
        var basis = request.Basis == RfmBasis.Purchases ? "purchases" : "visits";
        // Activity rows: (person, local day, order id or session id); purchases come from sale lines with a positive amount.
        var activity = request.Basis == RfmBasis.Purchases
            ? "SELECT customer_id AS person, local_day, order_id AS unit FROM sales"
            : """
              SELECT coalesce(customer_id, actor_id) AS person, timezone($1, started_at::TIMESTAMPTZ)::DATE AS local_day, session_id AS unit
              FROM sessions WHERE timezone($1, started_at::TIMESTAMPTZ) >= $3 AND timezone($1, started_at::TIMESTAMPTZ) < $2
              """;
        var firstEver = request.Basis == RfmBasis.Purchases
            ? "SELECT customer_id AS person, min(timezone($1, ordered_at::TIMESTAMPTZ))::DATE AS first_day FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL GROUP BY 1"
            : """
              SELECT person, min(first_day) AS first_day FROM (
                SELECT coalesce(customer_id, actor_id) AS person, min(timezone($1, started_at::TIMESTAMPTZ))::DATE AS first_day FROM sessions GROUP BY 1
                UNION ALL
                SELECT customer_id, min(timezone($1, ordered_at::TIMESTAMPTZ))::DATE FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL GROUP BY 1)
              GROUP BY person
              """;
        var isNew = new NewCustomerRule(request.NewCustomerDays).ToSql("first_day", "$2::DATE");
        await engine.InTransactionAsync(async ct =>
        {
            await engine.ExecuteAsync("DELETE FROM rfm_scores WHERE as_of = $1 AND basis = $2", [request.AsOf.ToDateTime(TimeOnly.MinValue), basis], ct).ConfigureAwait(false);
            await engine.ExecuteAsync($"""
                INSERT INTO rfm_scores
                WITH sales AS (
                  SELECT customer_id, order_id, amount, timezone($1, ordered_at::TIMESTAMPTZ)::DATE AS local_day
                  FROM order_lines
                  WHERE kind = 'sale' AND customer_id IS NOT NULL AND amount > 0
                    AND timezone($1, ordered_at::TIMESTAMPTZ) >= $3 AND timezone($1, ordered_at::TIMESTAMPTZ) < $2),
                reversals AS (
                  -- what cancellations, refunds and cancelled sales took back in the window (negative)
                  SELECT customer_id, sum(CASE WHEN kind = 'cancellation' THEN amount ELSE -amount END) AS taken_back
                  FROM order_lines
                  WHERE customer_id IS NOT NULL AND (kind = 'cancellation' OR status <> 'placed')
                    AND timezone($1, ordered_at::TIMESTAMPTZ) >= $3 AND timezone($1, ordered_at::TIMESTAMPTZ) < $2
                  GROUP BY 1),
                act AS ({activity}),
                per_person AS (
                  SELECT person, date_diff('day', max(local_day), $2::DATE) AS recency_days, count(DISTINCT unit) AS frequency
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
                """, [request.TimeZone, asOf, windowStart], ct).ConfigureAwait(false);
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
