using Segmenta.Core.Lifetime;

namespace Segmenta.Storage.Lifetime;

/// <summary>
/// The per-customer calibration summary the lifetime models fit on, computed in SQL (docs/models.md):
/// purchase days are days with at least one sale line, zero-value ones included as in the CDNOW
/// studies (same-day purchases merge),
/// x = purchase days − 1, t_x = last − first purchase day, T = calibration end − first purchase day,
/// monetary value = mean spend of the repeat purchase days. Only these small rows leave the engine.
/// </summary>
public static class LifetimeInputs
{
    /// <summary>One customer's summary plus the purchase days observed in the holdout.</summary>
    public sealed record Row(CustomerHistory History, double HoldoutPurchases);

    /// <summary>
    /// Summaries of every customer whose first purchase is before <paramref name="calibrationEnd"/>
    /// (a customer first seen on the last day has T = 0: nothing to learn from yet).
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="timeZone">Shop zone in which days are counted.</param>
    /// <param name="calibrationEnd">Last day of the calibration period (inclusive).</param>
    /// <param name="holdoutEnd">Last day of the holdout period (inclusive), or null.</param>
    /// <param name="daysPerUnit">1 for days, 7 for weeks.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static async Task<IReadOnlyList<Row>> ReadAsync(
        IAnalyticsEngine engine, string timeZone, DateOnly calibrationEnd, DateOnly? holdoutEnd, double daysPerUnit, CancellationToken cancellationToken = default)
    {
        // A plain cast when the shop keeps UTC: converting every order line's time zone cost most of the query.
        var table = await engine.QueryAsync($"""
            WITH days AS (
              SELECT customer_id, {ShopTime.LocalDaySql("ordered_at", timeZone)} AS d, sum(amount) AS spend
              FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL
              GROUP BY 1, 2),
            cal AS (SELECT * FROM days WHERE d <= $1::DATE),
            firsts AS (SELECT customer_id, min(d) AS first_day FROM cal GROUP BY 1),
            summary AS (
              SELECT c.customer_id, count(*) - 1 AS x,
                     date_diff('day', f.first_day, max(c.d)) AS t_x,
                     date_diff('day', f.first_day, $1::DATE) AS t,
                     coalesce(avg(c.spend) FILTER (WHERE c.d > f.first_day), 0) AS repeat_spend
              FROM cal c JOIN firsts f USING (customer_id)
              GROUP BY c.customer_id, f.first_day),
            holdout AS (SELECT customer_id, count(*) AS purchases FROM days WHERE d > $1::DATE AND d <= $2::DATE GROUP BY 1)
            SELECT s.customer_id, s.x, s.t_x, s.t, s.repeat_spend, coalesce(h.purchases, 0) AS holdout
            FROM summary s LEFT JOIN holdout h USING (customer_id)
            WHERE s.t > 0
            ORDER BY s.customer_id
            """, [calibrationEnd.ToDateTime(TimeOnly.MinValue), (holdoutEnd ?? calibrationEnd).ToDateTime(TimeOnly.MinValue)],
            cancellationToken).ConfigureAwait(false);
        var rows = new List<Row>(table.Rows.Count);
        foreach (var r in table.Rows)
        {
            rows.Add(new Row(
                new CustomerHistory(
                    (string)r[0]!,
                    ResultTable.Convert<double>(r[1]),
                    ResultTable.Convert<double>(r[2]) / daysPerUnit,
                    ResultTable.Convert<double>(r[3]) / daysPerUnit,
                    ResultTable.Convert<double>(r[4])),
                ResultTable.Convert<double>(r[5])));
        }
        return rows;
    }
}
